package dev.reproject.benchmarks.reliability.soak;

import dev.reproject.oracle.DynamoValues;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
            } else if (!DynamoValues.sameItem(want, got)) {
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

}
