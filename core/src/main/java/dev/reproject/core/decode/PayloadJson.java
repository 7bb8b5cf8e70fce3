package dev.reproject.core.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How payloads are parsed, once, by the decoder for the views: floats as {@link java.math.BigDecimal}, so that no
 * amount is ever rounded through a double, and nothing may follow the value.
 */
public final class PayloadJson {

    /** Shared and thread-safe. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PayloadJson() {
    }

    /** The payload's tree: a missing node for empty text; throws for text that is not one JSON value. */
    public static JsonNode read(String payload) throws JsonProcessingException {
        return JSON.readTree(payload);
    }

    /** As {@link #read}; null when it throws. */
    static JsonNode readOrNull(String payload) {
        try {
            return read(payload);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
