package dev.reproject.core.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reproject.core.event.SourcePosition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder gives, for good lines and bad, exactly what the tree decoder it replaced gave ({@link
 * TreeEventuateDecoder}, a copy of the old code kept as the reference): the same event, or the same reason and
 * detail.
 */
class EventuateDecoderComparisonTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final SourcePosition SOURCE = SourcePosition.of("topic", 3, 1240);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIMED_ID = "0000018c1f2e3d4c-0242ac1200090000";
    private static final String OUTBOX_ID = "0000000000000001-0000000000000002";

    private final EventuateDecoder decoder = new EventuateDecoder(Clock.fixed(NOW, ZoneOffset.UTC));
    private final TreeEventuateDecoder reference = new TreeEventuateDecoder(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @MethodSource("lines")
    void givenALine_whenDecoded_thenTheSameResultAsTheTreeDecoder(String line) {
        DecodeResult expected = reference.decode(line, SOURCE);

        DecodeResult actual = decoder.decode(line, SOURCE);

        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("goodLines")
    void givenAPlainGoodLine_whenDecoded_thenTheStreamTakesIt_withoutTheTree(String line) {
        DecodeResult expected = reference.decode(line, SOURCE);

        DecodeResult streamed = decoder.streamed(line, SOURCE, true);

        assertThat(expected).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(streamed).isEqualTo(expected);
    }

    static List<String> goodLines() throws IOException {
        String fixture = fixture("order-created.json-converter.line");
        return List.of(fixture, fixture("order-created.string-converter.line"), "  " + fixture + " \r",
                JSON.writeValueAsString(fixture), edit(m -> m.put("payload", "{}")),
                edit(m -> headers(m).remove("DATE")), edit(m -> headers(m).putNull("DATE")),
                edit(m -> m.set("headers", m.remove("headers"))),
                edit(m -> m.putObject("extra").putArray("nested").addObject().put("payload", 1)),
                edit(m -> m.put("payload", "{\"consumerId\":\"1511300065921\",\"price\":12.50}")));
    }

    static List<String> lines() throws IOException {
        String fixture = fixture("order-created.json-converter.line");
        List<String> lines = new ArrayList<>();
        // good lines
        lines.add(fixture);
        lines.add(fixture("order-created.string-converter.line"));
        lines.add("  " + fixture + " \r");
        lines.add(JSON.writeValueAsString(fixture)); // the message as a JSON string
        lines.add(" " + JSON.writeValueAsString(fixture) + " ");
        lines.add(edit(m -> m.put("payload", "{}")));
        lines.add(edit(m -> m.put("payload", " {\"a\":[1,2.50,{\"b\":null}],\"c\":\"x\\u00e9\"} ")));
        lines.add(edit(m -> m.put("payload", "{\"consumerId\":\"1511300065921\",\"orderTotal\":\"61.70\"}")));
        lines.add(edit(m -> m.put("payload", "{\"big\":123456789012345678901234567890,\"f\":1e400}")));
        lines.add(edit(m -> headers(m).remove("DATE")));
        lines.add(edit(m -> headers(m).putNull("DATE")));
        lines.add(edit(m -> headers(m).put("DATE", "Tue, 3 Jun 2008 11:05:30 +0200")));
        lines.add(edit(m -> m.putObject("extra").putArray("nested").addObject().put("payload", 1)));
        lines.add(edit(m -> m.putArray("list").add("headers")));
        lines.add(edit(m -> headers(m).putObject("nested").put("ID", 5)));
        lines.add(edit(m -> headers(m).put("other", 7)));
        lines.add(edit(m -> m.set("headers", m.remove("headers")))); // headers after the payload
        lines.add(fixture.replace("{\"payload\"", "{\"payload\":\"{}\",\"payload\""));  // a duplicate key
        lines.add(fixture.replace("\"headers\":{", "\"headers\":{\"ID\":\"x\","));  // a duplicate header
        lines.add(fixture.replace("\"headers\":{", "\"headers\":{\"ID\":7,")); // a duplicate, first not a string
        lines.add(fixture.replace("{\"payload\"", "{\"headers\":5,\"payload\"")); // headers twice, first no object
        // not JSON, not an object
        for (String bad : List.of("", " ", "not json", "{", "}", "[]", "[1]", "1", "-1.5", "true", "null", "\"\"",
                "\"x\"", "\"[1]\"", "\"\\\"x\\\"\"", "\"{\"", "{\"a\":1}x", "{\"a\":1} {}", "{\"a\":1}}", "{} 1",
                "\"{}\" 1", "{'a':1}", "{\"a\":NaN}", "{\"headers\":{}", "\u00ef\u00bb\u00bf{}",
                "{\"a\":\"\u0001\"}")) {
            lines.add(bad);
        }
        lines.add(fixture.substring(0, fixture.length() / 2));
        lines.add(fixture + "x");
        lines.add(fixture + fixture);
        lines.add(JSON.writeValueAsString(JSON.writeValueAsString(fixture))); // a string holding a string
        lines.add(JSON.writeValueAsString(fixture.substring(0, 40)));
        lines.add(JSON.writeValueAsString(fixture + " x"));
        // headers
        lines.add(edit(m -> m.remove("headers")));
        lines.add(edit(m -> m.put("headers", "ID")));
        lines.add(edit(m -> m.putArray("headers")));
        lines.add(edit(m -> m.putNull("headers")));
        for (String header : List.of("ID", "event-type", "event-aggregate-type", "event-aggregate-id")) {
            lines.add(edit(m -> headers(m).remove(header)));
            lines.add(edit(m -> headers(m).put(header, "")));
            lines.add(edit(m -> headers(m).put(header, 42)));
            lines.add(edit(m -> headers(m).put(header, 1.5)));
            lines.add(edit(m -> headers(m).putNull(header)));
            lines.add(edit(m -> headers(m).putObject(header)));
            lines.add(edit(m -> headers(m).put(header, true)));
        }
        lines.add(edit(m -> headers(m).put("DATE", 1_700_000_000_000L)));
        lines.add(edit(m -> headers(m).put("DATE", "1700000000000")));
        lines.add(edit(m -> headers(m).put("DATE", "Mon, 31 Nov 2026 10:00:00 GMT")));
        lines.add(edit(m -> headers(m).put("DATE", "Fri, 31 Dec 1999 23:59:59 GMT")));
        lines.add(edit(m -> headers(m).putObject("DATE")));
        for (String date : List.of("Tue, 30 Nov 2026 09:15:02 GMT", "Mon, 30 nov 2026 09:15:02 GMT",
                "Mon, 30 Nov 2026 09:15:02 +0000", "Mon, 30 Nov 2026 10:15:02 +0100", "Mon, 30 Nov 2026 09:15 GMT",
                "Mon, 30 Nov 2026 24:00:00 GMT", "Mon, 30 Nov 2026 09:15:60 GMT", "Sun, 29 Feb 2026 10:00:00 GMT",
                "Sat, 29 Feb 2020 10:00:00 GMT", "Mon, 03 Nov 2025 09:15:02 GMT", "Mon, 3 Nov 2025 09:15:02 GMT",
                "30 Nov 2026 09:15:02 GMT", "Sat, 1 Jan 2000 00:00:00 GMT", "Sun, 1 Dec 2999 00:00:00 GMT")) {
            lines.add(edit(m -> headers(m).put("DATE", date)));
        }
        lines.add(edit(m -> headers(m).put("DATE", "")));
        for (String id : List.of(TIMED_ID, OUTBOX_ID, "8000018c1f2e3d4c-0242ac1200090000", "abc",
                "0000018C1F2E3D4C-0242AC1200090000", "00000dcd65000000-0000000000000000")) {
            lines.add(edit(m -> {
                headers(m).remove("DATE");
                headers(m).put("ID", id);
            }));
        }
        // payload
        lines.add(edit(m -> m.remove("payload")));
        lines.add(edit(m -> m.putNull("payload")));
        lines.add(edit(m -> m.put("payload", 5)));
        lines.add(edit(m -> m.put("payload", true)));
        lines.add(edit(m -> m.putObject("payload").put("orderId", 1))); // an embedded object, not a string
        lines.add(edit(m -> m.putArray("payload").add(1)));
        for (String payload : List.of("", " ", "[]", "[1]", "1", "\"{}\"", "null", "true", "not json", "{",
                "{\"a\":1", "{\"a\":1}x", "{\"a\":1} {}", "{} 1", "{'a':1}", "x".repeat(200),
                "{\"a\":" + "x".repeat(200))) {
            lines.add(edit(m -> m.put("payload", payload)));
        }
        lines.add(JSON.writeValueAsString(edit(m -> m.put("payload", "[1]")))); // a string line, bad payload
        lines.add(JSON.writeValueAsString(edit(m -> m.remove("headers")))); // a string line, no headers
        return lines;
    }

    private static String edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode message = (ObjectNode) JSON.readTree(fixture("order-created.json-converter.line"));
            change.accept(message);
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode headers(ObjectNode message) {
        return (ObjectNode) message.get("headers");
    }

    private static String fixture(String name) {
        try (InputStream in = EventuateDecoderComparisonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
