package dev.reproject.core.decode;

import java.nio.charset.StandardCharsets;

/**
 * How a record's bytes become the text the decoder reads, the same on both paths (CONTRACT.md §3.3), so that the
 * same bytes decode alike before and after the handoff:
 * <ul>
 * <li>UTF-8, with U+FFFD for bytes that are not UTF-8. That is what Kafka Connect's StringConverter does when it
 * archives such a record, so an archive already holds the replaced text, and the live path must read the bytes the
 * same way to agree with it;</li>
 * <li>at most {@link #MAX_BYTES} bytes: a longer record is rejected ({@code record-too-large}) before it is decoded.
 * An archive line is streamed and cut there, so a reader's memory does not grow with a line's length.</li>
 * </ul>
 */
public final class RecordText {

    /** The longest record read: 8 MiB, eight times Kafka's default largest message and 20 DynamoDB items. */
    public static final int MAX_BYTES = 8 << 20;

    private RecordText() {
    }

    /** The text of {@code length} bytes from {@code offset}: UTF-8, U+FFFD where the bytes are not. */
    public static String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** The detail of a {@code record-too-large} reject: {@code bytes} long, more than {@code max}. */
    public static String tooLarge(long bytes, long max) {
        return "the record is " + bytes + " bytes long; at most " + max + " bytes are read";
    }
}
