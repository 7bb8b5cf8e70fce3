package dev.reproject.core.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.decode.DecodeResult.Decoded;
import dev.reproject.core.decode.DecodeResult.Rejected;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.reject.RejectReason;

import java.io.IOException;
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
 * Decodes one archived line into an Eventuate Tram domain event (CONTRACT.md §3). A line is the message object
 * itself (Connect's JsonConverter) or a JSON string holding it (StringConverter).
 *
 * <p>A line is read once, as a stream of tokens, keeping only the headers it needs and the payload, which is then
 * parsed once into the tree the view may read ({@link DecodeResult.Decoded#payload()}). Anything that stream does
 * not take as a plain good message — a bad line, a duplicate header, a missing field — is decoded again the way
 * the decoder always did, through Jackson's tree model, so that every reject keeps its reason and detail.
 */
public final class EventuateDecoder {

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

    public EventuateDecoder(Clock clock) {
        this.clock = clock;
    }

    public EventuateDecoder() {
        this(Clock.systemUTC());
    }

    private final JsonFactory tokens = json.getFactory();

    public DecodeResult decode(String line, SourcePosition source) {
        DecodeResult streamed = streamed(line, source, true);
        return streamed != null ? streamed : tree(line, source);
    }

    /** The event of a plain good message, read as tokens; null for anything else, to be decoded as a tree. */
    DecodeResult streamed(String line, SourcePosition source, boolean mayBeString) {
        String[] headers = new String[REQUIRED.size() + 1]; // the required headers, then DATE
        boolean dateSeen = false;
        boolean headersSeen = false;
        String payload = null;
        try (JsonParser p = tokens.createParser(line)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_STRING && mayBeString) {
                String inner = p.getText();
                return p.nextToken() == null ? streamed(inner, source, false) : null;
            }
            if (first != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("headers".equals(name)) {
                    if (headersSeen || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    headersSeen = true;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String header = p.currentName();
                        JsonToken headerValue = p.nextToken();
                        int index = DATE.equals(header) ? REQUIRED.size() : REQUIRED.indexOf(header);
                        if (index < 0) {
                            p.skipChildren();
                        } else if (headers[index] != null || (index == REQUIRED.size() && dateSeen)) {
                            return null; // a header given twice
                        } else if (headerValue == JsonToken.VALUE_STRING) {
                            headers[index] = p.getText();
                            dateSeen |= index == REQUIRED.size();
                        } else if (index == REQUIRED.size() && headerValue == JsonToken.VALUE_NULL) {
                            dateSeen = true;
                        } else {
                            return null;
                        }
                    }
                } else if ("payload".equals(name)) {
                    if (payload != null || value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    payload = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        if (!headersSeen || payload == null) {
            return null;
        }
        for (int i = 0; i < REQUIRED.size(); i++) {
            if (headers[i] == null || headers[i].isEmpty()) {
                return null;
            }
        }
        Instant eventTime;
        JsonNode parsed;
        try {
            eventTime = eventTime(headers[REQUIRED.size()], headers[0]);
            parsed = PayloadJson.read(payload);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return null;
        }
        if (parsed == null || !parsed.isObject()) {
            return null;
        }
        return new Decoded(new DomainEvent(headers[0], headers[1], headers[2], headers[3], eventTime, payload,
                source), parsed);
    }

    /** Decodes through Jackson's tree model: every line, good or bad, as the decoder always did. */
    private DecodeResult tree(String line, SourcePosition source) {
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
                eventTime, payloadText, source), PayloadJson.readOrNull(payloadText));
    }

    /** DATE when present; else the time part of a timed Eventuate ID, if plausible. */
    private Instant eventTime(JsonNode date, String id) {
        if (date != null && !date.isNull() && !date.isTextual()) {
            throw new IllegalArgumentException("header DATE is not a string");
        }
        return eventTime(date == null || date.isNull() ? null : date.textValue(), id);
    }

    /** @param date the DATE header, null when missing or null */
    private Instant eventTime(String date, String id) {
        if (date != null) {
            Instant parsed = GmtDates.parse(date);
            try {
                if (parsed == null) {
                    parsed = ZonedDateTime.parse(date, RFC_1123_STRICT).toInstant();
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("header DATE is not an RFC 1123 date: " + snippet(date));
            }
            // a clock a little ahead still dates real events; a year before 2000 is a misread two-digit year
            if (parsed.isBefore(EARLIEST_TIME)) {
                throw new IllegalArgumentException("header DATE " + snippet(date) + " lies before 2000");
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
