package dev.reproject.core.item;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Short builders for test values. */
final class Values {

    private Values() {
    }

    static AttrValue.S s(String value) {
        return new AttrValue.S(value);
    }

    static AttrValue.N n(String value) {
        return new AttrValue.N(new BigDecimal(value));
    }

    static AttrValue.N n(long value) {
        return AttrValue.N.of(value);
    }

    static AttrValue.SS ss(String... values) {
        return AttrValue.SS.of(values);
    }

    static AttrValue.NS ns(String... values) {
        TreeSet<BigDecimal> numbers = new TreeSet<>();
        Arrays.stream(values).map(BigDecimal::new).forEach(numbers::add);
        return new AttrValue.NS(numbers);
    }

    static AttrValue.L l(AttrValue... values) {
        return new AttrValue.L(List.of(values));
    }

    /** {@code m("a", s("x"), "b", n(1))} */
    static AttrValue.M m(Object... namesAndValues) {
        return new AttrValue.M(map(namesAndValues));
    }

    static Item item(Object... namesAndValues) {
        return Item.of(map(namesAndValues));
    }

    static Map<String, AttrValue> map(Object... namesAndValues) {
        Map<String, AttrValue> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], (AttrValue) namesAndValues[i + 1]);
        }
        return new TreeMap<>(map);
    }
}
