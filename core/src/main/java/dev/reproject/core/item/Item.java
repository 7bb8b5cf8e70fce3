package dev.reproject.core.item;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** A DynamoDB item: attribute names to values. Immutable. */
public record Item(SortedMap<String, AttrValue> attributes) implements Serializable {

    public static final Item EMPTY = new Item(new TreeMap<>());

    public Item {
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    public static Item of(Map<String, AttrValue> attributes) {
        return new Item(new TreeMap<>(attributes));
    }

    public Optional<AttrValue> get(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    public Item with(String name, AttrValue value) {
        TreeMap<String, AttrValue> next = new TreeMap<>(attributes);
        next.put(name, value);
        return new Item(next);
    }

    public Item without(String name) {
        TreeMap<String, AttrValue> next = new TreeMap<>(attributes);
        next.remove(name);
        return new Item(next);
    }
}
