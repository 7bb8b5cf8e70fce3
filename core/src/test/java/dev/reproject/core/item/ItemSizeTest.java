package dev.reproject.core.item;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.reproject.core.item.Values.item;
import static dev.reproject.core.item.Values.l;
import static dev.reproject.core.item.Values.m;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.ns;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;

/** Expected figures computed by hand from "Item sizes and formats" in the DynamoDB developer guide. */
class ItemSizeTest {

    @Nested
    class ValueSizes {

        @Test
        void stringsCountUtf8Bytes() {
            assertThat(ItemSize.of(s(""))).isZero();
            assertThat(ItemSize.of(s("abc"))).isEqualTo(3);
            assertThat(ItemSize.of(s("é"))).isEqualTo(2);           // U+00E9
            assertThat(ItemSize.of(s("€"))).isEqualTo(3);           // U+20AC
            assertThat(ItemSize.of(s("\uD83D\uDE00"))).isEqualTo(4); // U+1F600, two Java chars
        }

        @ParameterizedTest(name = "{0} has {1} significant digits: {2} bytes")
        @CsvSource({
                "0, 1, 2",
                "7, 1, 2",
                "12, 2, 2",
                "123, 3, 3",
                "12345, 5, 4",
                "1000, 1, 2",          // trailing zeros trimmed
                "0.001, 1, 2",         // leading zeros trimmed
                "-12.5, 3, 3",
                "1.50, 2, 2",
                "12345678901234567890123456789012345678, 38, 20",
        })
        void numbersCountOneBytePerTwoSignificantDigitsPlusOne(String number, int digits, long bytes) {
            assertThat((digits + 1) / 2 + 1).isEqualTo((int) bytes);
            assertThat(ItemSize.of(n(number))).isEqualTo(bytes);
        }

        @Test
        void booleansAndNullsAreOneByte() {
            assertThat(ItemSize.of(new AttrValue.Bool(false))).isEqualTo(1);
            assertThat(ItemSize.of(new AttrValue.Null())).isEqualTo(1);
        }

        @Test
        void listsAreThreeBytesPlusOnePerElementPlusTheElements() {
            assertThat(ItemSize.of(l())).isEqualTo(3);
            // 3 + (1 + 1) + (1 + 2)
            assertThat(ItemSize.of(l(s("a"), n(1)))).isEqualTo(8);
        }

        @Test
        void mapsAlsoCountTheirKeys() {
            assertThat(ItemSize.of(m())).isEqualTo(3);
            // 3 + (1 + "k" 1 + "v" 1)
            assertThat(ItemSize.of(m("k", s("v")))).isEqualTo(6);
            // 3 + (1 + "name" 4 + "Ajanta" 6) + (1 + "qty" 3 + 5 → 2) + (1 + "tags" 4 + [3 + (1 + 1) + (1 + 1)])
            assertThat(ItemSize.of(m("name", s("Ajanta"), "qty", n(5), "tags", l(s("a"), s("b")))))
                    .isEqualTo(3 + 11 + 6 + 12);
        }

        @Test
        void setsAreTheSumOfTheirElements() {
            assertThat(ItemSize.of(ss("a", "bb"))).isEqualTo(3);
            assertThat(ItemSize.of(ns("1", "23", "123"))).isEqualTo(2 + 2 + 3);
        }
    }

    @Test
    void anItemIsTheSumOfNamesAndValues() {
        Item item = item(
                "orderId", s("4711"),                      // 7 + 4
                "creationDate", n("1764494102000"),        // 12 + (10 digits "1764494102" → 6)
                "keywords", ss("ajanta", "chicken"),       // 8 + 13
                "événement", new AttrValue.Bool(true),     // 11 + 1
                "lineItems", l(m("quantity", n(5))));      // 9 + 3 + 1 + (3 + 1 + 8 + 2)
        assertThat(ItemSize.of(item)).isEqualTo(11 + 18 + 21 + 12 + 27);
    }

    @Test
    void theEmptyItemIsZero() {
        assertThat(ItemSize.of(Item.EMPTY)).isZero();
    }
}
