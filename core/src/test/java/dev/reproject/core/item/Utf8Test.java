package dev.reproject.core.item;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600
    private static final String LAST_BMP = "\uFFFF";

    @Test
    void comparesByCodePoints_whichIsUtf8ByteOrder() {
        assertThat(Utf8.compare("a", "b")).isNegative();
        assertThat(Utf8.compare("b", "a")).isPositive();
        assertThat(Utf8.compare("ab", "ab")).isZero();
        assertThat(Utf8.compare("a", "ab")).isNegative();
        assertThat(Utf8.compare("", "a")).isNegative();
        assertThat(Utf8.compare("Z", "a")).isNegative();
        // F0 9F 98 80 > EF BF BF, although Java's UTF-16 order says the opposite
        assertThat(EMOJI.compareTo(LAST_BMP)).isNegative();
        assertThat(Utf8.compare(EMOJI, LAST_BMP)).isPositive();
        assertThat(Utf8.compare("x" + LAST_BMP, "x" + EMOJI)).isNegative();
        // U+E000 (EE 80 80) against U+10000 (F0 90 80 80)
        assertThat(Utf8.compare("\uE000", "\uD800\uDC00")).isNegative();
    }

    @Test
    void countsUtf8Bytes() {
        assertThat(Utf8.length("")).isZero();
        assertThat(Utf8.length("abc")).isEqualTo(3);
        assertThat(Utf8.length("é")).isEqualTo(2);
        assertThat(Utf8.length("€")).isEqualTo(3);
        assertThat(Utf8.length(EMOJI)).isEqualTo(4);
        assertThat(Utf8.length("a" + EMOJI + "é")).isEqualTo(7);
    }
}
