package dev.reproject.core.item;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An {@link Update} as the parts of a conditional {@code UpdateItem} request, free of AWS types: the key, the
 * update and condition expressions (placeholders only) and what the placeholders stand for.
 *
 * @param names  {@code #a0 -> attribute name}, {@code #m -> marker attribute}
 * @param values {@code :v0 -> value}, {@code :eventId -> the marker's event ID}, {@code :empty -> []} (if used)
 */
public record RenderedUpdate(SortedMap<String, AttrValue> key, String updateExpression, String conditionExpression,
                             SortedMap<String, String> names, SortedMap<String, AttrValue> values) {

    public RenderedUpdate {
        Objects.requireNonNull(updateExpression, "updateExpression");
        Objects.requireNonNull(conditionExpression, "conditionExpression");
        key = Collections.unmodifiableSortedMap(new TreeMap<>(key));
        names = Collections.unmodifiableSortedMap(new TreeMap<>(names));
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }
}
