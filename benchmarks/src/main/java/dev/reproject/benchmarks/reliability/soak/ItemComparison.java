package dev.reproject.benchmarks.reliability.soak;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The table against the expected items, as the CLI tests' {@code LiveTable} compares them: sets as sets, numbers
 * by value. {@code lost}: expected items missing or different; {@code extra}: items nobody expected.
 */
record ItemComparison(long compared, long lost, long extra, List<String> examples) {

    static ItemComparison of(Map<String, Map<String, AttributeValue>> expected,
                             Map<String, Map<String, AttributeValue>> table) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(table.keySet());
        long lost = 0;
        long extra = 0;
        List<String> examples = new java.util.ArrayList<>();
        for (String key : keys) {
            Map<String, AttributeValue> want = expected.get(key);
            Map<String, AttributeValue> got = table.get(key);
            if (want == null) {
                extra++;
            } else if (!Objects.equals(canonical(want), canonical(got))) {
                lost++;
            } else {
                continue;
            }
            if (examples.size() < 5) {
                examples.add(key + ": expected " + want + ", table " + got);
            }
        }
        return new ItemComparison(keys.size(), lost, extra, List.copyOf(examples));
    }

    private static Object canonical(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, Object> out = new HashMap<>();
        item.forEach((name, value) -> out.put(name, canonical(value)));
        return out;
    }

    private static Object canonical(AttributeValue value) {
        return switch (value.type()) {
            case S -> List.of("S", value.s());
            case N -> List.of("N", number(value.n()));
            case B -> List.of("B", value.b());
            case BOOL -> List.of("BOOL", value.bool());
            case NUL -> List.of("NULL");
            case SS -> List.of("SS", new HashSet<>(value.ss()));
            case NS -> List.of("NS", value.ns().stream().map(ItemComparison::number).collect(Collectors.toSet()));
            case BS -> List.of("BS", new HashSet<>(value.bs()));
            case L -> List.of("L", value.l().stream().map(ItemComparison::canonical).toList());
            case M -> List.of("M", canonical(value.m()));
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("unknown attribute type: " + value);
        };
    }

    private static BigDecimal number(String n) {
        return new BigDecimal(n).stripTrailingZeros();
    }
}
