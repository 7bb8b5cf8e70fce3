package dev.reproject.core.reject;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A record that could not be used, with enough to find and fix it.
 *
 * @param file   the archive file it came from
 * @param line   0-based line index in that file, or -1 for a whole-file reject
 * @param offset the Kafka offset (start offset + line), or -1 for a whole-file reject
 * @param reason why
 * @param detail what exactly was wrong, for a person
 * @param raw    the raw line, capped at {@link #MAX_RAW_BYTES} bytes of UTF-8
 */
public record RejectedRecord(String file, long line, long offset, RejectReason reason, String detail, String raw) {

    public static final int MAX_RAW_BYTES = 64 * 1024;

    public RejectedRecord {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        raw = capRaw(raw == null ? "" : raw);
    }

    /** Cuts {@code text} to at most 64 KiB of UTF-8 without splitting a character. */
    public static String capRaw(String text) {
        if (text.length() * 3L <= MAX_RAW_BYTES) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_RAW_BYTES) {
            return text;
        }
        int end = MAX_RAW_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // back off to the first byte of a UTF-8 sequence
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
