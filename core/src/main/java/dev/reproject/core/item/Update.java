package dev.reproject.core.item;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one event does to a view: the key of the item it touches, the actions, and the marker that makes
 * it idempotent. The same update is applied by the in-memory fold (Spark jobs) and rendered as a
 * conditional {@code UpdateItem} (live updater).
 */
public record Update(SortedMap<String, AttrValue> key, List<Action> actions, Marker marker) implements Serializable {

    public Update {
        Objects.requireNonNull(marker, "marker");
        key = Collections.unmodifiableSortedMap(new TreeMap<>(key));
        actions = List.copyOf(actions);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("an update needs a key");
        }
    }

    public static Update of(Map<String, AttrValue> key, List<Action> actions, Marker marker) {
        return new Update(new TreeMap<>(key), actions, marker);
    }
}
