package dev.reproject.core.reject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RejectedRecordTest {

    private static final int CAP = 65_536;
    private static final String EURO = "\u20ac";            // 3 bytes in UTF-8: E2 82 AC
    private static final String GRINNING = "\uD83D\uDE00";  // U+1F600, 4 bytes in UTF-8: F0 9F 98 80

    @Nested
    class RawLine {

        @Test
        void givenAShortLine_thenUntouched_andTheOtherFieldsKept() {
            RejectedRecord r = rejected("{\"payload\":42} caf\u00e9 " + EURO + GRINNING);

            assertThat(r.raw()).isEqualTo("{\"payload\":42} caf\u00e9 " + EURO + GRINNING);
            assertThat(r.file()).isEqualTo("topics/t/t+0+0000000000.json");
            assertThat(r.line()).isEqualTo(7);
            assertThat(r.offset()).isEqualTo(7);
            assertThat(r.reason()).isEqualTo(RejectReason.BAD_PAYLOAD);
            assertThat(r.detail()).isEqualTo("payload is a JSON number");
        }

        @Test
        void givenNoRawLine_thenEmpty() {
            assertThat(rejected(null).raw()).isEmpty();
        }

        @Test
        void givenExactly64KiBOfAscii_thenUntouched() {
            String line = "a".repeat(CAP);

            assertThat(rejected(line).raw()).isEqualTo(line);
        }

        @Test
        void givenOneByteMoreOfAscii_thenCutTo64KiB() {
            assertThat(rejected("a".repeat(CAP + 1)).raw()).isEqualTo("a".repeat(CAP));
        }

        @Test
        void givenThreeByteCharactersUnderTheCap_thenUntouched() {
            // 21_845 x 3 = 65_535 bytes
            String line = EURO.repeat(21_845);

            assertThat(rejected(line).raw()).isEqualTo(line);
        }

        @Test
        void givenThreeByteCharactersOverTheCap_thenWholeCharactersOnly() {
            // 30_000 x 3 = 90_000 bytes; 65_536 / 3 = 21_845 rest 1: the 21_846th character would end at 65_538
            RejectedRecord r = rejected(EURO.repeat(30_000));

            assertThat(r.raw()).isEqualTo(EURO.repeat(21_845));
            assertThat(utf8Length(r.raw())).isEqualTo(65_535);
        }

        @Test
        void givenThreeByteCharactersAfterTwoAsciiBytes_thenCutBeforeTheSplitCharacter() {
            // 2 + 3 x 21_844 = 65_534; the next character would take bytes 65_534..65_536, one too many
            RejectedRecord r = rejected("ab" + EURO.repeat(30_000));

            assertThat(r.raw()).isEqualTo("ab" + EURO.repeat(21_844));
            assertThat(utf8Length(r.raw())).isEqualTo(65_534);
        }

        @Test
        void givenFourByteCharactersFillingTheCapExactly_thenCutAtTheCap() {
            // 16_384 x 4 = 65_536 exactly
            RejectedRecord r = rejected(GRINNING.repeat(20_000));

            assertThat(r.raw()).isEqualTo(GRINNING.repeat(16_384));
            assertThat(utf8Length(r.raw())).isEqualTo(CAP);
        }

        @Test
        void givenFourByteCharactersAfterOneAsciiByte_thenNoHalfSurrogatePair() {
            // 1 + 4 x 16_383 = 65_533; the next character would end at byte 65_537
            RejectedRecord r = rejected("a" + GRINNING.repeat(20_000));

            assertThat(r.raw()).isEqualTo("a" + GRINNING.repeat(16_383));
            assertThat(utf8Length(r.raw())).isEqualTo(65_533);
            assertThat(Character.isHighSurrogate(r.raw().charAt(r.raw().length() - 1))).isFalse();
        }

        @Test
        void givenMixedCharacters_thenAtMost64KiB_andAPrefixOfTheLine() {
            String unit = "x" + EURO + GRINNING + "\u00e9"; // 1 + 3 + 4 + 2 = 10 bytes
            String line = unit.repeat(10_000);              // 100_000 bytes
            // 6_553 units = 65_530 bytes; then "x" (65_531), euro (65_534), the emoji would end at 65_538
            String expected = unit.repeat(6_553) + "x" + EURO;

            RejectedRecord r = rejected(line);

            assertThat(r.raw()).isEqualTo(expected);
            assertThat(utf8Length(r.raw())).isEqualTo(65_534);
        }

        @Test
        void givenNullFileReasonOrDetail_thenRefused() {
            assertThatThrownBy(() -> new RejectedRecord(null, 0, 0, RejectReason.NOT_JSON, "d", "r"))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new RejectedRecord("f", 0, 0, null, "d", "r"))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new RejectedRecord("f", 0, 0, RejectReason.NOT_JSON, null, "r"))
                    .isInstanceOf(NullPointerException.class);
        }

        private RejectedRecord rejected(String raw) {
            return new RejectedRecord("topics/t/t+0+0000000000.json", 7, 7, RejectReason.BAD_PAYLOAD,
                    "payload is a JSON number", raw);
        }
    }

    @Nested
    class Reasons {

        @ParameterizedTest
        @EnumSource(RejectReason.class)
        void givenEveryReason_whenItsCodeIsLookedUp_thenTheSameReason(RejectReason reason) {
            assertThat(RejectReason.fromCode(reason.code())).isSameAs(reason);
            assertThat(reason).hasToString(reason.code());
        }

        @Test
        void givenTheContract_thenExactlyItsCodes() {
            assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::code)).containsExactlyInAnyOrder(
                    "not-json", "missing-header", "bad-payload", "invalid-event", "invalid-update", "item-too-large",
                    "unreadable-file", "record-too-large");
        }

        @Test
        void givenTheReasonsFoundWhileReading_thenDecodeLevel() {
            assertThat(Arrays.stream(RejectReason.values()).filter(RejectReason::isDecodeLevel))
                    .containsExactlyInAnyOrder(RejectReason.NOT_JSON, RejectReason.MISSING_HEADER,
                            RejectReason.BAD_PAYLOAD, RejectReason.UNREADABLE_FILE, RejectReason.RECORD_TOO_LARGE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"NOT_JSON", "not_json", "Not-Json", "not-json ", "", "unknown"})
        void givenAnUnknownCode_thenIllegalArgumentNamingIt(String code) {
            assertThatThrownBy(() -> RejectReason.fromCode(code))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + code + "'");
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
