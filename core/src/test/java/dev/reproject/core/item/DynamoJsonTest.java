package dev.reproject.core.item;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.reproject.core.item.Values.item;
import static dev.reproject.core.item.Values.l;
import static dev.reproject.core.item.Values.m;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.ns;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoJsonTest {

    @Nested
    class Writing {

        @Test
        void everyType_sortedAndCompact() {
            Item item = item(
                    "s", s("x\"y"),
                    "n", n("1.50"),
                    "b", new AttrValue.Bool(true),
                    "z", new AttrValue.Null(),
                    "l", l(s("b"), s("a")),
                    "m", m("y", n(2), "x", n(1)),
                    "ss", ss("b", "a"),
                    "ns", ns("10", "9", "-1"));

            assertThat(DynamoJson.write(item))
                    .isEqualTo("{\"b\":{\"BOOL\":true},\"l\":{\"L\":[{\"S\":\"b\"},{\"S\":\"a\"}]},"
                            + "\"m\":{\"M\":{\"x\":{\"N\":\"1\"},\"y\":{\"N\":\"2\"}}},\"n\":{\"N\":\"1.5\"},"
                            + "\"ns\":{\"NS\":[\"-1\",\"9\",\"10\"]},\"s\":{\"S\":\"x\\\"y\"},\"ss\":{\"SS\":[\"a\",\"b\"]},"
                            + "\"z\":{\"NULL\":true}}");
        }

        @ParameterizedTest(name = "{0} is written {1}")
        @CsvSource({"1.50, 1.5", "-0, 0", "0.000, 0", "1E+3, 1000", "1.0E+2, 100", "-2.50E-3, -0.0025", "007, 7"})
        void numbersAreNormalised(String number, String written) {
            assertThat(DynamoJson.writeValue(n(number))).isEqualTo("{\"N\":\"" + written + "\"}");
            assertThat(n(number)).isEqualTo(n(written));
        }

        @Test
        void equalItemsGiveEqualStrings_whateverTheOrderTheyWereBuiltIn() {
            Map<String, AttrValue> one = new LinkedHashMap<>();
            one.put("a", ns("1.0", "2"));
            one.put("b", m("q", s("1"), "p", s("2")));
            Map<String, AttrValue> other = new LinkedHashMap<>();
            other.put("b", m("p", s("2"), "q", s("1")));
            other.put("a", ns("2.00", "1"));

            assertThat(DynamoJson.write(Item.of(one))).isEqualTo(DynamoJson.write(Item.of(other)));
        }
    }

    @Nested
    class Reading {

        @Test
        void roundTrip() {
            Item item = item("orderId", s("7"), "lines", l(m("price", s("12.34"), "quantity", n(5))),
                    "keywords", ss("ajanta", "chicken"), "ids", ns("1", "2.5"), "ok", new AttrValue.Bool(false),
                    "none", new AttrValue.Null(), "text", s("é\uD83D\uDE00"), "empty", s(""), "list", l(), "map", m());

            assertThat(DynamoJson.readItem(DynamoJson.write(item))).isEqualTo(item);
        }

        @Test
        void numbersAreReadNormalised() {
            assertThat(DynamoJson.readItem("{\"n\":{\"N\":\"1E+3\"},\"m\":{\"N\":\"-0.0\"}}"))
                    .isEqualTo(item("n", n(1000), "m", n(0)));
        }

        @Test
        void aValue_mayBeAnEmptySet_orAnyNumber() {
            assertThat(DynamoJson.readValue("{\"SS\":[]}")).isEqualTo(ss());
            assertThat(DynamoJson.readValue("{\"NS\":[\"1E+200\"]}")).isEqualTo(ns("1E+200"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "not json",
                "[]",
                "{\"a\":{\"S\":\"x\"}} trailing",
                "{\"a\":\"x\"}",
                "{\"a\":{}}",
                "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}",
                "{\"a\":{\"X\":\"1\"}}",
                "{\"a\":{\"B\":\"AAEC\"}}",
                "{\"a\":{\"S\":1}}",
                "{\"a\":{\"N\":1.5}}",
                "{\"a\":{\"N\":\"one\"}}",
                "{\"a\":{\"N\":\" 1\"}}",
                "{\"a\":{\"N\":\"1E+126\"}}",
                "{\"a\":{\"N\":\"123456789012345678901234567890123456789\"}}",
                "{\"a\":{\"BOOL\":\"true\"}}",
                "{\"a\":{\"NULL\":false}}",
                "{\"a\":{\"L\":{}}}",
                "{\"a\":{\"L\":[\"x\"]}}",
                "{\"a\":{\"M\":[]}}",
                "{\"a\":{\"SS\":[]}}",
                "{\"a\":{\"NS\":[]}}",
                "{\"a\":{\"SS\":[\"x\",\"x\"]}}",
                "{\"a\":{\"NS\":[\"1\",\"1.0\"]}}",
                "{\"a\":{\"SS\":[1]}}",
                "{\"a\":{\"S\":\"x\"},\"a\":{\"S\":\"y\"}}",
        })
        void strictly(String json) {
            assertThatThrownBy(() -> DynamoJson.readItem(json)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void messagesSayWhereAndWhat() {
            assertThatThrownBy(() -> DynamoJson.readItem("{\"lines\":{\"L\":[{\"M\":{\"price\":{\"N\":\"x\"}}}]}}"))
                    .hasMessageContaining("not a DynamoDB number: \"x\" at $.lines[0].M.price.N");
            assertThatThrownBy(() -> DynamoJson.readItem("{\"a\":{\"Q\":1}}"))
                    .hasMessageContaining("unknown attribute value type \"Q\" at $.a");
            assertThatThrownBy(() -> DynamoJson.readItem("{\"a\":{\"SS\":[]}}"))
                    .hasMessageContaining("empty set at $.a.SS");
        }
    }
}
