package dev.reproject.benchmarks.reliability;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table (or a snapshot) compared with what it must hold. {@code lost}: an expected item missing, or behind the
 * expected one (its event marker lower: an event not applied); {@code appliedTwice}: an item that is there but
 * not as expected otherwise (same marker, other content; or not expected at all) — what an event applied again or
 * out of order leaves. Both must be 0. Values compare as DynamoDB compares them: numbers normalised, sets
 * unordered.
 */
record Check(long expected, long actual, long lost, long appliedTwice, List<String> examples) {

    private static final int SHOWN = 3;

    boolean clean() {
        return lost == 0 && appliedTwice == 0;
    }

    @Override
    public String toString() {
        return String.format("%,d expected, %,d found, lost %d, applied twice %d%s", expected, actual, lost,
                appliedTwice, examples.isEmpty() ? "" : "; e.g. " + String.join(" | ", examples));
    }

    static Check items(Map<String, Map<String, AttributeValue>> expected,
                       Map<String, Map<String, AttributeValue>> actual) {
        Set<String> keys = new HashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        long lost = 0;
        long twice = 0;
        List<String> examples = new ArrayList<>();
        for (String key : keys) {
            Map<String, AttributeValue> want = expected.get(key);
            Map<String, AttributeValue> got = actual.get(key);
            if (Objects.equals(canonical(want), canonical(got))) {
                continue;
            }
            boolean behind = want != null && (got == null || marker(got).compareTo(marker(want)) < 0);
            if (behind) {
                lost++;
            } else {
                twice++;
            }
            if (examples.size() < SHOWN) {
                examples.add(key + (behind ? " lost: " : " differs: ") + "expected " + want + ", found " + got);
            }
        }
        return new Check(expected.size(), actual.size(), lost, twice, examples);
    }

    /** Rows of a snapshot against those of an uninterrupted one: missing rows lost, other rows applied twice. */
    static Check rows(Set<String> expected, Set<String> actual) {
        List<String> examples = new ArrayList<>();
        long lost = expected.stream().filter(r -> !actual.contains(r)).peek(r -> {
            if (examples.size() < SHOWN) {
                examples.add("missing " + r);
            }
        }).count();
        long extra = actual.stream().filter(r -> !expected.contains(r)).count();
        return new Check(expected.size(), actual.size(), lost, extra, examples);
    }

    /** The item's event markers ({@code events.*}), joined: a higher one is a later event. */
    private static String marker(Map<String, AttributeValue> item) {
        return item.entrySet().stream().filter(e -> e.getKey().startsWith("events."))
                .map(e -> String.valueOf(e.getValue().s())).sorted().collect(Collectors.joining(","));
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
        if (value == null) {
            return null;
        }
        return switch (value.type()) {
            case S -> List.of("S", value.s());
            case N -> List.of("N", number(value.n()));
            case B -> List.of("B", value.b());
            case BOOL -> List.of("BOOL", value.bool());
            case NUL -> List.of("NULL");
            case SS -> List.of("SS", new HashSet<>(value.ss()));
            case NS -> List.of("NS", value.ns().stream().map(Check::number).collect(Collectors.toSet()));
            case BS -> List.of("BS", new HashSet<>(value.bs()));
            case L -> List.of("L", value.l().stream().map(Check::canonical).toList());
            case M -> List.of("M", canonical(value.m()));
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("unknown attribute type: " + value);
        };
    }

    private static BigDecimal number(String n) {
        return new BigDecimal(n).stripTrailingZeros();
    }
}
