package dev.reproject.core.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.decode.DecodeResult.Decoded;
import dev.reproject.core.decode.DecodeResult.Rejected;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.reject.RejectReason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The decoder as it was before the streaming one (a copy, kept as an independent reference for
 * {@link EventuateDecoderComparisonTest}): decodes one archived line into an Eventuate Tram domain event (CONTRACT.md §3). A line is the message object
 * itself (Connect's JsonConverter) or a JSON string holding it (StringConverter).
 */
final class TreeEventuateDecoder {

    public static final String ID = "ID";
    public static final String EVENT_TYPE = "event-type";
    public static final String AGGREGATE_TYPE = "event-aggregate-type";
    public static final String AGGREGATE_ID = "event-aggregate-id";
    public static final String DATE = "DATE";

    private static final List<String> REQUIRED = List.of(ID, EVENT_TYPE, AGGREGATE_TYPE, AGGREGATE_ID);
    /** Eventuate application IDs: {@code %016x-%016x}, milliseconds first. */
    private static final Pattern TIMED_ID = Pattern.compile("[0-9a-f]{16}-[0-9a-f]{16}");
    private static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration TIME_SLACK = Duration.ofDays(1);
    /** strict: no 31 November, no 24:00:00 */
    private static final DateTimeFormatter RFC_1123_STRICT = DateTimeFormatter.RFC_1123_DATE_TIME
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int DETAIL_SNIPPET = 80;

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Clock clock;

    TreeEventuateDecoder(Clock clock) {
        this.clock = clock;
    }

    public DecodeResult decode(String line, SourcePosition source) {
        JsonNode message;
        try {
            message = json.readTree(line);
            if (message != null && message.isTextual()) {
                message = json.readTree(message.textValue());
            }
        } catch (JsonProcessingException e) {
            return new Rejected(RejectReason.NOT_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (message == null || !message.isObject()) {
            return new Rejected(RejectReason.NOT_JSON, "not a JSON object (nor a string holding one)");
        }
        JsonNode headers = message.get("headers");
        if (headers == null || !headers.isObject()) {
            return new Rejected(RejectReason.MISSING_HEADER, "no \"headers\" object");
        }
        for (String name : REQUIRED) {
            JsonNode value = headers.get(name);
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                return new Rejected(RejectReason.MISSING_HEADER, "header " + name + " is missing or empty");
            }
        }
        String id = headers.get(ID).textValue();
        Instant eventTime;
        try {
            eventTime = eventTime(headers.get(DATE), id);
        } catch (IllegalArgumentException e) {
            return new Rejected(RejectReason.MISSING_HEADER, e.getMessage());
        }
        JsonNode payload = message.get("payload");
        if (payload == null || !payload.isTextual()) {
            return new Rejected(RejectReason.BAD_PAYLOAD, "payload is "
                    + (payload == null ? "missing" : "a JSON " + payload.getNodeType().name().toLowerCase(Locale.ROOT)
                            + ", not a string holding a JSON object"));
        }
        String payloadText = payload.textValue();
        try {
            JsonNode parsed = json.readTree(payloadText);
            if (parsed == null || !parsed.isObject()) {
                return new Rejected(RejectReason.BAD_PAYLOAD, "payload string does not hold a JSON object: "
                        + snippet(payloadText));
            }
        } catch (JsonProcessingException e) {
            return new Rejected(RejectReason.BAD_PAYLOAD, "payload string is not JSON: " + snippet(payloadText));
        }
        return new Decoded(new DomainEvent(id, headers.get(EVENT_TYPE).textValue(),
                headers.get(AGGREGATE_TYPE).textValue(), headers.get(AGGREGATE_ID).textValue(),
                eventTime, payloadText, source));
    }

    /** DATE when present; else the time part of a timed Eventuate ID, if plausible. */
    private Instant eventTime(JsonNode date, String id) {
        if (date != null && !date.isNull()) {
            if (!date.isTextual()) {
                throw new IllegalArgumentException("header DATE is not a string");
            }
            Instant parsed;
            try {
                parsed = ZonedDateTime.parse(date.textValue(), RFC_1123_STRICT).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("header DATE is not an RFC 1123 date: " + snippet(date.textValue()));
            }
            // a clock a little ahead still dates real events; a year before 2000 is a misread two-digit year
            if (parsed.isBefore(EARLIEST_TIME)) {
                throw new IllegalArgumentException("header DATE " + snippet(date.textValue()) + " lies before 2000");
            }
            return parsed;
        }
        if (!TIMED_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("no DATE header, and ID " + snippet(id)
                    + " is not an Eventuate %016x-%016x ID to take the time from");
        }
        long millis = Long.parseUnsignedLong(id.substring(0, 16), 16);
        if (millis < 0 || !isPlausible(Instant.ofEpochMilli(millis))) {
            throw new IllegalArgumentException("no DATE header, and the time part of ID " + id
                    + " is not a plausible time (an outbox ID?)");
        }
        return Instant.ofEpochMilli(millis);
    }

    private boolean isPlausible(Instant time) {
        return !time.isBefore(EARLIEST_TIME) && !time.isAfter(clock.instant().plus(TIME_SLACK));
    }

    private static String snippet(String text) {
        return text.length() <= DETAIL_SNIPPET ? '"' + text + '"' : '"' + text.substring(0, DETAIL_SNIPPET) + "…\"";
    }
}
