package dev.reproject.core.item;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Applies validated actions to an item the way DynamoDB does: every action reads the item as it was before the
 * update (the actions name distinct attributes, so their order does not matter), and what only the item can tell
 * (a type mismatch, a missing list, an arithmetic overflow) is a ValidationException.
 */
final class ActionApplier {

    private ActionApplier() {
    }

    /**
     * @param original the item before the update, {@link Item#EMPTY} for none
     * @return the item after the update, with the key and the marker
     */
    static Item apply(Item original, Update update) throws InvalidUpdateException {
        SortedMap<String, AttrValue> next = new TreeMap<>(original.attributes());
        next.putAll(update.key());
        for (Action action : update.actions()) {
            AttrValue before = original.attributes().get(action.attribute());
            AttrValue after = apply(action, before);
            if (after == null) {
                next.remove(action.attribute());
            } else {
                next.put(action.attribute(), after);
            }
        }
        next.put(update.marker().attribute(), new AttrValue.S(update.marker().eventId()));
        return new Item(next);
    }

    /** The attribute's new value, or null when it is gone. */
    private static AttrValue apply(Action action, AttrValue before) throws InvalidUpdateException {
        if (action instanceof Action.Set set) {
            return set.value();
        }
        if (action instanceof Action.SetIfNotExists set) {
            return before != null ? before : set.value();
        }
        if (action instanceof Action.Remove) {
            return null;
        }
        if (action instanceof Action.Add add) {
            return add(add, before);
        }
        if (action instanceof Action.Delete delete) {
            return delete(delete, before);
        }
        if (action instanceof Action.ListAppend append) {
            return listAppend(append, before);
        }
        throw new IllegalArgumentException("unknown action " + action);
    }

    private static AttrValue add(Action.Add add, AttrValue before) throws InvalidUpdateException {
        AttrValue value = add.value();
        if (before != null && !before.type().equals(value.type())) {
            throw incorrectType(add, before);
        }
        if (value instanceof AttrValue.N n) {
            BigDecimal sum = before == null ? n.value() : ((AttrValue.N) before).value().add(n.value());
            ValueRules.number(sum, "the result of " + Actions.describe(add));
            return new AttrValue.N(sum);
        }
        if (before == null) {
            return value;
        }
        if (value instanceof AttrValue.SS ss) {
            return new AttrValue.SS(union(((AttrValue.SS) before).values(), ss.values()));
        }
        return new AttrValue.NS(union(((AttrValue.NS) before).values(), ((AttrValue.NS) value).values()));
    }

    private static AttrValue delete(Action.Delete delete, AttrValue before) throws InvalidUpdateException {
        if (before == null) {
            return null;
        }
        AttrValue value = delete.value();
        if (!before.type().equals(value.type())) {
            throw incorrectType(delete, before);
        }
        if (value instanceof AttrValue.SS ss) {
            TreeSet<String> left = new TreeSet<>(((AttrValue.SS) before).values());
            left.removeAll(ss.values());
            return left.isEmpty() ? null : new AttrValue.SS(left);
        }
        TreeSet<BigDecimal> left = new TreeSet<>(((AttrValue.NS) before).values());
        left.removeAll(((AttrValue.NS) value).values());
        return left.isEmpty() ? null : new AttrValue.NS(left);
    }

    private static AttrValue listAppend(Action.ListAppend append, AttrValue before) throws InvalidUpdateException {
        List<AttrValue> tail = ((AttrValue.L) append.value()).values();
        if (before == null) {
            if (!append.ifNotExists()) {
                throw new InvalidUpdateException(
                        "The provided expression refers to an attribute that does not exist in "
                                + "the item (" + Actions.describe(append) + " without if_not_exists)");
            }
            return new AttrValue.L(tail);
        }
        if (!(before instanceof AttrValue.L list)) {
            throw incorrectType(append, before);
        }
        return new AttrValue.L(Stream.concat(list.values().stream(), tail.stream()).toList());
    }

    private static <T extends Comparable<T>> SortedSet<T> union(SortedSet<T> a, SortedSet<T> b) {
        TreeSet<T> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static InvalidUpdateException incorrectType(Action action, AttrValue before) {
        String operand = Actions.valueOf(action).map(AttrValue::type).orElse("?");
        return new InvalidUpdateException("An operand in the update expression has an incorrect data type ("
                + Actions.describe(action) + ": the item holds " + before.type() + ", the operand is " + operand + ")");
    }
}
