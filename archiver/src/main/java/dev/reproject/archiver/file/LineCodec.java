package dev.reproject.archiver.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.decode.RecordText;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Between Kafka record values and archive lines (CONTRACT.md §3): one record per line, line {@code i} of a file is
 * offset {@code start + i}.
 */
public final class LineCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NULL_LINE = "null".getBytes(StandardCharsets.US_ASCII);

    private LineCodec() {
    }

    /**
     * The line (without its newline) that archives {@code value}: the value itself when it is one line of UTF-8
     * text; otherwise a JSON string holding it, which readers unwrap as Connect's StringConverter output. That
     * covers a value with a line break ({@code \n} would split it, a final {@code \r} is stripped by readers),
     * a blank value (readers drop blank lines at the end of a file) and bytes that are not UTF-8 (kept as
     * U+FFFD, as Connect's StringConverter would decode them: {@link RecordText}'s rule, the live path's too). A null value (a tombstone) is {@code null}.
     */
    public static byte[] encode(byte[] value) {
        if (value == null) {
            return NULL_LINE.clone();
        }
        Optional<String> text = strictUtf8(value);
        if (text.isPresent() && isPlainLine(text.get())) {
            return value;
        }
        try {
            return JSON.writeValueAsBytes(text.orElseGet(() -> RecordText.decode(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record value as a JSON string", e); // a String: cannot happen
        }
    }

    /** Whether {@link #encode} writes {@code value} as it is. */
    public static boolean isPlain(byte[] value) {
        return value != null && strictUtf8(value).filter(LineCodec::isPlainLine).isPresent();
    }

    /**
     * The {@code event-aggregate-id} header of the Eventuate message a line holds (the message object, or a JSON
     * string holding it), or empty when the line is no such message.
     */
    public static Optional<String> aggregateId(byte[] line) {
        try {
            JsonNode message = JSON.readTree(line);
            if (message != null && message.isTextual()) {
                message = JSON.readTree(message.textValue());
            }
            if (message == null || !message.isObject()) {
                return Optional.empty();
            }
            JsonNode id = message.path("headers").path(EventuateDecoder.AGGREGATE_ID);
            return id.isTextual() && !id.textValue().isEmpty() ? Optional.of(id.textValue()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not JSON: a bad line, published without a key
        }
    }

    private static boolean isPlainLine(String text) {
        return !text.isBlank() && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
    }

    private static Optional<String> strictUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
