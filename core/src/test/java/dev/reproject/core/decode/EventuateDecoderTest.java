package dev.reproject.core.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reproject.core.decode.DecodeResult.Decoded;
import dev.reproject.core.decode.DecodeResult.Rejected;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.reject.RejectReason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EventuateDecoderTest {

    private static final String ORDER = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final String ORDER_CREATED = "net.chrisrichardson.ftgo.orderservice.api.events.OrderCreatedEvent";
    /** Time part 0x18c1f2e3d4c = 1_701_330_173_260 ms = 2023-11-30T07:42:53.260Z. */
    private static final String TIMED_ID = "0000018c1f2e3d4c-0242ac1200090000";
    private static final Instant TIMED_ID_TIME = Instant.parse("2023-11-30T07:42:53.260Z");
    /** Eventuate's outbox IDs: the first part is a counter, not a time. */
    private static final String OUTBOX_ID = "0000000000000001-0000000000000002";

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final SourcePosition SOURCE = SourcePosition.of(ORDER, 3, 1240);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventuateDecoder decoder = new EventuateDecoder(Clock.fixed(NOW, ZoneOffset.UTC));

    @Nested
    class ValidLine {

        /** The payload text exactly as it stands in the fixtures (note the space after the first comma). */
        private static final String PAYLOAD = "{\"orderId\":4711, \"consumerId\":1511300065921,\"orderDetails\":"
                + "{\"orderTotal\":\"61.70\",\"note\":\"caf\u00e9 \\\"bistro\\\"\"}}";

        private final DomainEvent expected = new DomainEvent(TIMED_ID, ORDER_CREATED, ORDER, "4711",
                Instant.parse("2026-11-30T09:15:02Z"), PAYLOAD, SOURCE);

        @Test
        void givenTheMessageObjectItself_whenDecoded_thenEveryFieldIsTaken() {
            DecodeResult result = decoder.decode(fixture("order-created.json-converter.line"), SOURCE);

            assertThat(result).isEqualTo(new Decoded(expected));
        }

        @Test
        void givenAJsonStringHoldingTheMessage_whenDecoded_thenTheSameEvent() {
            DecodeResult result = decoder.decode(fixture("order-created.string-converter.line"), SOURCE);

            assertThat(result).isEqualTo(new Decoded(expected));
        }

        @Test
        void givenTheSourcePosition_whenDecoded_thenTheEventCarriesItUnchanged() {
            SourcePosition elsewhere = SourcePosition.of("other.topic", 11, 0);

            DomainEvent event = decoded(decoder.decode(fixture("order-created.json-converter.line"), elsewhere));

            assertThat(event.source()).isEqualTo(elsewhere);
            assertThat(event.source().topic()).isEqualTo("other.topic");
            assertThat(event.source().partition()).isEqualTo(11);
            assertThat(event.source().offset()).isZero();
        }

        @Test
        void givenSurroundingWhitespaceAndACarriageReturn_whenDecoded_thenStillDecoded() {
            String line = "  " + fixture("order-created.json-converter.line") + " \r";

            assertThat(decoder.decode(line, SOURCE)).isEqualTo(new Decoded(expected));
        }
    }

    @Nested
    class EventTime {

        @Test
        void givenDate_thenTheEventTimeIsTheDate_evenWithAnOutboxId() {
            ObjectNode message = message(OUTBOX_ID);
            headers(message).put("DATE", "Mon, 30 Nov 2026 09:15:02 GMT");

            assertThat(decoded(decode(message)).eventTime()).isEqualTo(Instant.parse("2026-11-30T09:15:02Z"));
        }

        @Test
        void givenDateWithANumericZone_thenItIsConvertedToUtc() {
            ObjectNode message = message(TIMED_ID);
            headers(message).put("DATE", "Mon, 30 Nov 2026 10:15:02 +0100");

            assertThat(decoded(decode(message)).eventTime()).isEqualTo(Instant.parse("2026-11-30T09:15:02Z"));
        }

        @Test
        void givenNoDate_thenTheTimeIsTheFirstSixteenHexDigitsOfTheId() {
            assertThat(decoded(decode(message(TIMED_ID))).eventTime()).isEqualTo(TIMED_ID_TIME);
        }

        @Test
        void givenDateNull_thenItCountsAsMissingAndTheIdGivesTheTime() {
            ObjectNode message = message(TIMED_ID);
            headers(message).putNull("DATE");

            assertThat(decoded(decode(message)).eventTime()).isEqualTo(TIMED_ID_TIME);
        }

        @Test
        void givenNoDate_andAnIdAtExactly2000_thenAccepted() {
            // 2000-01-01T00:00:00Z = 946_684_800_000 ms = 0xdc6acfac00
            assertThat(decoded(decode(message("000000dc6acfac00-0000000000000001"))).eventTime())
                    .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        }

        @Test
        void givenNoDate_andAnIdOneMillisecondBefore2000_thenMissingHeader() {
            assertRejected(decode(message("000000dc6acfabff-0000000000000001")), RejectReason.MISSING_HEADER,
                    "000000dc6acfabff-0000000000000001");
        }

        @Test
        void givenNoDate_andAnIdAtExactlyNowPlusOneDay_thenAccepted() {
            // now + 1 day = 2026-12-01T12:00:00Z = 1_796_126_400_000 ms = 0x1a23179de00
            assertThat(decoded(decode(message("000001a23179de00-0000000000000001"))).eventTime())
                    .isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        }

        @Test
        void givenNoDate_andAnIdOneMillisecondAfterNowPlusOneDay_thenMissingHeader() {
            assertRejected(decode(message("000001a23179de01-0000000000000001")), RejectReason.MISSING_HEADER,
                    "000001a23179de01-0000000000000001");
        }

        @Test
        void givenNoDate_andAnOutboxId_thenMissingHeaderNamingTheId() {
            assertRejected(decode(message(OUTBOX_ID)), RejectReason.MISSING_HEADER, OUTBOX_ID, "DATE");
        }

        @Test
        void givenNoDate_andAnIdWithTheHighBitSet_thenMissingHeader() {
            // read as unsigned this is far in the future; read as signed it is negative: rejected either way
            assertRejected(decode(message("ffffffffffffffff-0000000000000001")), RejectReason.MISSING_HEADER,
                    "ffffffffffffffff");
        }

        @ParameterizedTest
        @ValueSource(strings = {"order-4711-created", "0000018c1f2e3d4c", "0000018c1f2e3d4c-0242ac12000900zz",
                "0000018c1f2e3d4c_0242ac1200090000", " 0000018c1f2e3d4c-0242ac1200090000"})
        void givenNoDate_andAnIdThatIsNotTwoHexParts_thenMissingHeaderNamingTheId(String id) {
            assertRejected(decode(message(id)), RejectReason.MISSING_HEADER, id.strip(), "DATE");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"2026-11-30T09:15:02Z", "Tue, 30 Nov 2026 09:15:02 GMT", "Mon, 30 Nov 2026 25:15:02 GMT",
                        "30/11/2026 09:15:02", "yesterday", ""})
        void givenAMalformedDate_thenMissingHeaderNamingDate_evenThoughTheIdHasATime(String date) {
            ObjectNode message = message(TIMED_ID);
            headers(message).put("DATE", date);

            assertRejected(decode(message), RejectReason.MISSING_HEADER, "DATE", date);
        }
        @ParameterizedTest
        @ValueSource(strings = {"Mon, 31 Nov 2026 09:15:02 GMT", "Mon, 30 Nov 2026 24:00:00 GMT",
                "Mon, 30 Nov 26 09:15:02 GMT"})
        void givenADateThatDoesNotExist_thenMissingHeaderNamingDate(String date) {
            ObjectNode message = message(TIMED_ID);
            headers(message).put("DATE", date);

            assertRejected(decode(message), RejectReason.MISSING_HEADER, "DATE", date);
        }

        @Test
        void givenANumericDate_thenMissingHeaderNamingDate() {
            ObjectNode message = message(TIMED_ID);
            headers(message).put("DATE", 1796030102L);

            assertRejected(decode(message), RejectReason.MISSING_HEADER, "DATE");
        }
    }

    @Nested
    class RequiredHeaders {

        static Stream<Arguments> brokenHeaders() {
            Stream.Builder<Arguments> cases = Stream.builder();
            for (String header : new String[]{"ID", "event-type", "event-aggregate-type", "event-aggregate-id"}) {
                cases.add(Arguments.of(header, "missing", (Consumer<ObjectNode>) h -> h.remove(header)));
                cases.add(Arguments.of(header, "empty", (Consumer<ObjectNode>) h -> h.put(header, "")));
                cases.add(Arguments.of(header, "null", (Consumer<ObjectNode>) h -> h.putNull(header)));
                cases.add(Arguments.of(header, "a number", (Consumer<ObjectNode>) h -> h.put(header, 4711)));
                cases.add(Arguments.of(header, "an object", (Consumer<ObjectNode>) h -> h.putObject(header)));
            }
            return cases.build();
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("brokenHeaders")
        void givenARequiredHeaderThatIsNotANonEmptyString_thenMissingHeaderNamingIt(String header, String how,
                                                                                    Consumer<ObjectNode> breakIt) {
            ObjectNode message = message(TIMED_ID);
            headers(message).put("DATE", "Mon, 30 Nov 2026 09:15:02 GMT"); // so that ID is not needed for the time
            breakIt.accept(headers(message));

            assertRejected(decode(message), RejectReason.MISSING_HEADER, "header " + header + " ");
        }

        @Test
        void givenNoHeadersObject_thenMissingHeader() {
            ObjectNode message = message(TIMED_ID);
            message.remove("headers");

            assertRejected(decode(message), RejectReason.MISSING_HEADER, "headers");
        }

        @Test
        void givenHeadersThatAreNotAnObject_thenMissingHeader() {
            ObjectNode message = message(TIMED_ID);
            message.put("headers", "{\"ID\":\"" + TIMED_ID + "\"}");

            assertRejected(decode(message), RejectReason.MISSING_HEADER, "headers");
        }
    }

    @Nested
    class NotJson {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "{\"payload\":\"{}\",\"headers\":{\"ID\":\"0000018c",   // truncated
                "{\"payload\":\"{}\"",                                  // truncated after a field
                "not json",
                "\"not json\"",                                         // a string holding non-JSON
                "\"{\\\"payload\\\":\\\"{}\\\"\"",                      // a string holding truncated JSON
                "{\"payload\":\"{}\",\"headers\":{}} x",                // trailing garbage
                "{\"payload\":\"{}\",\"headers\":{}} {}",               // two objects on one line
        })
        void givenUnparseableText_thenNotJsonSayingSo(String line) {
            assertRejected(decoder.decode(line, SOURCE), RejectReason.NOT_JSON, "not JSON");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"", "   ", "[1,2]", "[{\"payload\":\"{}\"}]", "42", "true", "null", "\"\"", "\"[1,2]\"",
                "\"42\""})
        void givenJsonThatIsNotAnObject_thenNotJsonSayingSo(String line) {
            assertRejected(decoder.decode(line, SOURCE), RejectReason.NOT_JSON, "not a JSON object");
        }

        @Test
        void givenAStringHoldingAStringHoldingTheMessage_thenNotJson_onlyOneLevelIsUnwrapped() throws IOException {
            String once = JSON.writeValueAsString(fixture("order-created.json-converter.line"));
            String twice = JSON.writeValueAsString(once);

            assertRejected(decoder.decode(twice, SOURCE), RejectReason.NOT_JSON, "not a JSON object");
        }

        @Test
        void givenTheFixtureCutInHalf_thenNotJson() {
            String line = fixture("order-created.json-converter.line");

            assertRejected(decoder.decode(line.substring(0, line.length() / 2), SOURCE), RejectReason.NOT_JSON,
                    "not JSON");
        }
    }

    @Nested
    class BadPayload {

        @Test
        void givenAPayloadThatIsAJsonObject_thenBadPayloadSayingItIsNotAString() {
            ObjectNode message = message(TIMED_ID);
            message.putObject("payload").put("orderId", 4711);

            assertRejected(decode(message), RejectReason.BAD_PAYLOAD, "object", "not a string");
        }

        @Test
        void givenAMissingPayload_thenBadPayloadSayingMissing() {
            ObjectNode message = message(TIMED_ID);
            message.remove("payload");

            assertRejected(decode(message), RejectReason.BAD_PAYLOAD, "missing");
        }

        @Test
        void givenANullPayload_thenBadPayload() {
            ObjectNode message = message(TIMED_ID);
            message.putNull("payload");

            assertRejected(decode(message), RejectReason.BAD_PAYLOAD, "null");
        }

        @Test
        void givenANumericPayload_thenBadPayload() {
            ObjectNode message = message(TIMED_ID);
            message.put("payload", 4711);

            assertRejected(decode(message), RejectReason.BAD_PAYLOAD, "number");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"[1,2]", "not json", "\"quoted\"", "42", "", "{\"a\":1} x", "{\"a\":1"})
        void givenAPayloadStringThatDoesNotHoldAJsonObject_thenBadPayloadQuotingIt(String payload) {
            ObjectNode message = message(TIMED_ID);
            message.put("payload", payload);

            assertRejected(decode(message), RejectReason.BAD_PAYLOAD, "\"" + payload + "\"");
        }

        @Test
        void givenAVeryLongBadPayload_thenTheDetailQuotesOnlyItsStart() {
            String payload = "x".repeat(10_000);
            ObjectNode message = message(TIMED_ID);
            message.put("payload", payload);

            Rejected rejected = assertRejected(decode(message), RejectReason.BAD_PAYLOAD, "\"xxxxxxxxxx");
            assertThat(rejected.detail()).hasSizeLessThan(200);
        }

        @Test
        void givenAnEmptyObjectPayload_thenDecoded() {
            ObjectNode message = message(TIMED_ID);
            message.put("payload", "{}");

            assertThat(decoded(decode(message)).payload()).isEqualTo("{}");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** A valid message without DATE: the ID gives the time. */
    private static ObjectNode message(String id) {
        ObjectNode message = JSON.createObjectNode();
        message.put("payload", "{\"orderId\":4711}");
        message.putObject("headers")
                .put("ID", id)
                .put("event-type", ORDER_CREATED)
                .put("event-aggregate-type", ORDER)
                .put("event-aggregate-id", "4711");
        return message;
    }

    private static ObjectNode headers(ObjectNode message) {
        return (ObjectNode) message.get("headers");
    }

    private DecodeResult decode(ObjectNode message) {
        return decoder.decode(message.toString(), SOURCE);
    }

    private static DomainEvent decoded(DecodeResult result) {
        assertThat(result).isInstanceOf(Decoded.class);
        return ((Decoded) result).event();
    }

    private static Rejected assertRejected(DecodeResult result, RejectReason reason, String... detailParts) {
        assertThat(result).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) result;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.detail()).isNotBlank().contains(detailParts);
        return rejected;
    }

    private static String fixture(String name) {
        try (InputStream in = EventuateDecoderTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
