package dev.reproject.core.verify;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rules of {@code verify} for one key: the recomputed item against the table's, by the aggregates' markers
 * ({@code events.<aggregateType><aggregateId>}, CONTRACT.md §4.4). Per marker the table's value is the same, newer
 * (ahead) or older (behind; a marker the table lacks is older). Any marker behind makes the key {@link
 * KeyClass#BEHIND}; else any ahead {@link KeyClass#AHEAD}; else the items must be equal as DynamoDB values (numbers
 * by value, sets unordered: {@link AttrValue} keeps both normalised), or the key {@link KeyClass#DIVERGED}. A key
 * only recomputed is {@link KeyClass#MISSING}; one only in the table is {@link KeyClass#AHEAD} when it carries a
 * marker (live created it from events not archived yet), else {@link KeyClass#EXTRA}.
 */
public final class ItemComparison {

    private ItemComparison() {
    }

    /** At least one side is present. */
    public static KeyVerdict classify(Optional<Item> expected, Optional<Item> actual) {
        if (expected.isEmpty() && actual.isEmpty()) {
            throw new IllegalArgumentException("a key compared must have an expected or an actual item");
        }
        if (actual.isEmpty()) {
            return new KeyVerdict(KeyClass.MISSING,
                    List.of(new FieldDifference(FieldDifference.ITEM, DynamoJson.write(expected.get()), null)));
        }
        if (expected.isEmpty()) {
            KeyClass keyClass = markers(actual.get()).isEmpty() ? KeyClass.EXTRA : KeyClass.AHEAD;
            return new KeyVerdict(keyClass,
                    List.of(new FieldDifference(FieldDifference.ITEM, null, DynamoJson.write(actual.get()))));
        }
        List<FieldDifference> fields = differences(expected.get(), actual.get());
        KeyClass byMarkers = byMarkers(expected.get(), actual.get());
        if (byMarkers != KeyClass.EQUAL) {
            return new KeyVerdict(byMarkers, fields);
        }
        return new KeyVerdict(fields.isEmpty() ? KeyClass.EQUAL : KeyClass.DIVERGED, fields);
    }

    /** BEHIND, AHEAD or (same markers) EQUAL. */
    private static KeyClass byMarkers(Item expected, Item actual) {
        SortedSet<String> names = markers(expected);
        names.addAll(markers(actual));
        boolean ahead = false;
        for (String name : names) {
            Optional<String> want = markerValue(expected, name);
            Optional<String> have = markerValue(actual, name);
            if (want.isPresent() && (have.isEmpty() || Utf8.compare(have.get(), want.get()) < 0)) {
                return KeyClass.BEHIND;
            }
            if (want.isEmpty() || Utf8.compare(have.get(), want.get()) > 0) {
                ahead = true;
            }
        }
        return ahead ? KeyClass.AHEAD : KeyClass.EQUAL;
    }

    private static SortedSet<String> markers(Item item) {
        TreeSet<String> names = new TreeSet<>();
        item.attributes().forEach((name, value) -> {
            if (name.startsWith(Marker.PREFIX) && value instanceof AttrValue.S) {
                names.add(name);
            }
        });
        return names;
    }

    private static Optional<String> markerValue(Item item, String name) {
        return item.get(name).filter(AttrValue.S.class::isInstance).map(value -> ((AttrValue.S) value).value());
    }

    /** The attributes whose values differ, in name order. */
    private static List<FieldDifference> differences(Item expected, Item actual) {
        TreeSet<String> names = new TreeSet<>(expected.attributes().keySet());
        names.addAll(actual.attributes().keySet());
        List<FieldDifference> fields = new ArrayList<>();
        for (String name : names) {
            Optional<AttrValue> want = expected.get(name);
            Optional<AttrValue> have = actual.get(name);
            if (!Objects.equals(want, have)) {
                fields.add(new FieldDifference(name, want.map(DynamoJson::writeValue).orElse(null),
                        have.map(DynamoJson::writeValue).orElse(null)));
            }
        }
        return fields;
    }
}
