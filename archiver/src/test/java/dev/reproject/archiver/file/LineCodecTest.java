package dev.reproject.archiver.file;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LineCodecTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Nested
    class Encode {

        @Test
        void aOneLineUtf8ValueIsTheLine() {
            byte[] value = utf8("{\"payload\":\"{}\",\"headers\":{\"ID\":\"x\"}} – café");

            assertThat(LineCodec.encode(value)).isEqualTo(value);
            assertThat(LineCodec.isPlain(value)).isTrue();
        }

        @Test
        void aJsonStringValueStaysAsItIs() {
            byte[] value = utf8("\"{\\\"headers\\\":{}}\"");

            assertThat(LineCodec.encode(value)).isEqualTo(value);
        }

        @Test
        void aValueWithALineBreakBecomesAJsonStringHoldingIt() {
            assertThat(text(LineCodec.encode(utf8("{\"a\":\n1}")))).isEqualTo("\"{\\\"a\\\":\\n1}\"");
            assertThat(text(LineCodec.encode(utf8("ends with CR\r")))).isEqualTo("\"ends with CR\\r\"");
        }

        @Test
        void aBlankValueBecomesAJsonStringSoNoReaderDropsIt() {
            assertThat(text(LineCodec.encode(new byte[0]))).isEqualTo("\"\"");
            assertThat(text(LineCodec.encode(utf8(" \t")))).isEqualTo("\" \\t\"");
        }

        @Test
        void bytesThatAreNotUtf8BecomeAJsonStringWithReplacementCharacters() {
            byte[] value = {'a', (byte) 0xff, 'b'};

            assertThat(LineCodec.isPlain(value)).isFalse();
            assertThat(text(LineCodec.encode(value))).isEqualTo("\"a\uFFFDb\"");
        }

        @Test
        void aNullValueIsNull() {
            assertThat(text(LineCodec.encode(null))).isEqualTo("null");
        }
    }

    @Nested
    class AggregateId {

        @Test
        void comesFromTheHeadersOfAMessageObject() {
            assertThat(LineCodec.aggregateId(utf8(
                    "{\"payload\":\"{}\",\"headers\":{\"event-aggregate-id\":\"4711\",\"ID\":\"1\"}}")))
                    .contains("4711");
        }

        @Test
        void comesFromAMessageInsideAJsonString() {
            assertThat(LineCodec.aggregateId(utf8(
                    "\"{\\\"payload\\\":\\\"{}\\\",\\\"headers\\\":{\\\"event-aggregate-id\\\":\\\"42\\\"}}\"")))
                    .contains("42");
        }

        @Test
        void isEmptyForLinesThatAreNoMessage() {
            assertThat(LineCodec.aggregateId(utf8("{\"payload\":\"{}\",\"headers\":{\"ID\":\"1\"}}"))).isEmpty();
            assertThat(LineCodec.aggregateId(utf8("{\"payload\":\"{}\",\"headers\":{\"event-aggregate-id\":7}}")))
                    .isEmpty();
            assertThat(LineCodec.aggregateId(utf8("{\"payload\":\"{\\\"a\\\""))).isEmpty();
            assertThat(LineCodec.aggregateId(utf8("null"))).isEmpty();
            assertThat(LineCodec.aggregateId(utf8("[1,2]"))).isEmpty();
            assertThat(LineCodec.aggregateId(utf8("\"not json\""))).isEmpty();
            assertThat(LineCodec.aggregateId(new byte[0])).isEmpty();
        }
    }
}
