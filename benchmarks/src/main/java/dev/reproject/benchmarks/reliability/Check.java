package dev.reproject.benchmarks.reliability;

import dev.reproject.oracle.DynamoValues;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
            if (DynamoValues.sameItem(want, got)) {
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

}
