package dev.reproject.core.item;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Folds consecutive updates of one key into one {@link CombinedUpdate} where the update algebra allows it: the
 * combined write, when its condition holds, leaves the item exactly as the updates written one by one would, and is
 * refused (the writer then writes them one by one) whenever one of them would have been refused for what the item
 * held. So an update joins only when
 * <ul>
 *   <li>it has the same key and the same marker attribute (one aggregate), with a larger event ID (by UTF-8 bytes);</li>
 *   <li>each of its actions on an attribute an earlier action of the combination changed composes with that action
 *       into one action, below. Actions on other attributes are taken as they are.</li>
 * </ul>
 * Earlier action, then later action on the same attribute:
 * <ul>
 *   <li>{@code SET}, {@code if_not_exists} or {@code REMOVE}, then {@code SET v} or {@code REMOVE}: the later one;</li>
 *   <li>{@code SET v} then {@code if_not_exists}: {@code SET v}; {@code REMOVE} then {@code if_not_exists(w)}:
 *       {@code SET w}; {@code if_not_exists(v)} then {@code if_not_exists}: {@code if_not_exists(v)};</li>
 *   <li>{@code SET v} then {@code ADD}, {@code DELETE} or {@code list_append} of a value of v's type: {@code SET} of
 *       the result, computed here ({@code REMOVE} when a set is left empty); {@code REMOVE} then {@code ADD x}:
 *       {@code SET x}; {@code REMOVE} then {@code DELETE}: {@code REMOVE}; {@code REMOVE} then
 *       {@code list_append(if_not_exists(a, []), l)}: {@code SET l};</li>
 *   <li>{@code ADD} of set elements twice: {@code ADD} of both; {@code DELETE} twice: {@code DELETE} of both;
 *       {@code list_append} twice: one {@code list_append} of both lists (the first one's {@code if_not_exists}).</li>
 * </ul>
 * Everything else ends the combination: an action that reads the item (ADD, DELETE, list_append) followed by one that
 * overwrites its result (the first could have been refused for the item's content, the combination would not); and
 * {@code ADD} of a number twice (the intermediate sum could leave DynamoDB's number range).
 *
 * <p>One difference remains: the store checks a combined write's item size (400 KB) only after the last update, so
 * an item that would have been too large after an earlier update of the combination and is smaller again after a
 * later one is written rather than that earlier update refused. {@link UpdateFold#oneByOne} finds that case from the
 * item before the write, and the writer then writes the item as one by one leaves it (CONTRACT.md §6.6).
 */
public final class UpdateCombiner {

    private UpdateCombiner() {
    }

    /**
     * @return {@code soFar} followed by {@code next} as one write, or empty when they must be written apart
     */
    public static Optional<CombinedUpdate> then(CombinedUpdate soFar, Update next) {
        Update last = soFar.update();
        if (!last.key().equals(next.key()) || !last.marker().attribute().equals(next.marker().attribute())
                || Utf8.compare(last.marker().eventId(), next.marker().eventId()) >= 0) {
            return Optional.empty();
        }
        List<Action> actions = new ArrayList<>(last.actions());
        for (Action later : next.actions()) {
            int at = indexOf(actions, later.attribute());
            if (at < 0) {
                actions.add(later);
                continue;
            }
            Optional<Action> composed = compose(actions.get(at), later);
            if (composed.isEmpty()) {
                return Optional.empty();
            }
            actions.set(at, composed.get());
        }
        List<Update> parts = new ArrayList<>(soFar.parts());
        parts.add(next);
        return Optional.of(new CombinedUpdate(new Update(last.key(), actions, next.marker()), parts));
    }

    private static int indexOf(List<Action> actions, String attribute) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).attribute().equals(attribute)) {
                return i;
            }
        }
        return -1;
    }

    /** One action with the effect of {@code earlier} then {@code later} on one attribute, when there is one. */
    static Optional<Action> compose(Action earlier, Action later) {
        String attribute = earlier.attribute();
        boolean overwrites = earlier instanceof Action.Set || earlier instanceof Action.Remove;
        boolean blind = overwrites || earlier instanceof Action.SetIfNotExists; // never refused for the item
        if (later instanceof Action.Set || later instanceof Action.Remove) {
            return blind ? Optional.of(later) : Optional.empty();
        }
        if (later instanceof Action.SetIfNotExists ifNotExists) {
            if (earlier instanceof Action.Remove) {
                return Optional.of(new Action.Set(attribute, ifNotExists.value()));
            }
            return earlier instanceof Action.Set || earlier instanceof Action.SetIfNotExists ? Optional.of(earlier)
                    : Optional.empty();
        }
        if (earlier instanceof Action.Set set) {
            return afterValue(set.value(), later).map(value -> value
                    .<Action>map(v -> new Action.Set(attribute, v)).orElseGet(() -> new Action.Remove(attribute)));
        }
        if (earlier instanceof Action.Remove) {
            return afterNothing(later);
        }
        return sameKind(earlier, later);
    }

    /** What {@code later} (ADD, DELETE, list_append) makes of {@code value}: empty when it would be refused. */
    private static Optional<Optional<AttrValue>> afterValue(AttrValue value, Action later) {
        if (later instanceof Action.Add add) {
            if (value instanceof AttrValue.N n && add.value() instanceof AttrValue.N plus) {
                BigDecimal sum = n.value().add(plus.value());
                try {
                    ValueRules.number(sum, "a combined ADD");
                } catch (InvalidUpdateException e) {
                    return Optional.empty();
                }
                return Optional.of(Optional.of(new AttrValue.N(sum)));
            }
            if (value instanceof AttrValue.SS ss && add.value() instanceof AttrValue.SS more) {
                TreeSet<String> all = new TreeSet<>(ss.values());
                all.addAll(more.values());
                return Optional.of(Optional.of(new AttrValue.SS(all)));
            }
            if (value instanceof AttrValue.NS ns && add.value() instanceof AttrValue.NS more) {
                TreeSet<BigDecimal> all = new TreeSet<>(ns.values());
                all.addAll(more.values());
                return Optional.of(Optional.of(new AttrValue.NS(all)));
            }
            return Optional.empty();
        }
        if (later instanceof Action.Delete delete) {
            if (value instanceof AttrValue.SS ss && delete.value() instanceof AttrValue.SS less) {
                TreeSet<String> left = new TreeSet<>(ss.values());
                left.removeAll(less.values());
                return Optional.of(left.isEmpty() ? Optional.empty() : Optional.of(new AttrValue.SS(left)));
            }
            if (value instanceof AttrValue.NS ns && delete.value() instanceof AttrValue.NS less) {
                TreeSet<BigDecimal> left = new TreeSet<>(ns.values());
                left.removeAll(less.values());
                return Optional.of(left.isEmpty() ? Optional.empty() : Optional.of(new AttrValue.NS(left)));
            }
            return Optional.empty();
        }
        if (later instanceof Action.ListAppend append && value instanceof AttrValue.L list
                && append.value() instanceof AttrValue.L tail) {
            return Optional.of(Optional.of(new AttrValue.L(
                    Stream.concat(list.values().stream(), tail.values().stream()).toList())));
        }
        return Optional.empty();
    }

    /** {@code later} (ADD, DELETE, list_append) on an attribute an earlier action removed. */
    private static Optional<Action> afterNothing(Action later) {
        String attribute = later.attribute();
        if (later instanceof Action.Add add) {
            return Optional.of(new Action.Set(attribute, add.value()));
        }
        if (later instanceof Action.Delete) {
            return Optional.of(new Action.Remove(attribute));
        }
        if (later instanceof Action.ListAppend append && append.ifNotExists()) {
            return Optional.of(new Action.Set(attribute, append.value()));
        }
        return Optional.empty();
    }

    /** Two set ADDs, two DELETEs of one set type, or two list_appends, as one. */
    private static Optional<Action> sameKind(Action earlier, Action later) {
        String attribute = earlier.attribute();
        if (earlier instanceof Action.Add a && later instanceof Action.Add b) {
            return setUnion(a.value(), b.value()).map(v -> new Action.Add(attribute, v));
        }
        if (earlier instanceof Action.Delete a && later instanceof Action.Delete b) {
            return setUnion(a.value(), b.value()).map(v -> new Action.Delete(attribute, v));
        }
        if (earlier instanceof Action.ListAppend a && later instanceof Action.ListAppend b
                && a.value() instanceof AttrValue.L first && b.value() instanceof AttrValue.L second) {
            return Optional.of(new Action.ListAppend(attribute,
                    new AttrValue.L(Stream.concat(first.values().stream(), second.values().stream()).toList()),
                    a.ifNotExists()));
        }
        return Optional.empty();
    }

    private static Optional<AttrValue> setUnion(AttrValue a, AttrValue b) {
        if (a instanceof AttrValue.SS x && b instanceof AttrValue.SS y) {
            TreeSet<String> all = new TreeSet<>(x.values());
            all.addAll(y.values());
            return Optional.of(new AttrValue.SS(all));
        }
        if (a instanceof AttrValue.NS x && b instanceof AttrValue.NS y) {
            TreeSet<BigDecimal> all = new TreeSet<>(x.values());
            all.addAll(y.values());
            return Optional.of(new AttrValue.NS(all));
        }
        return Optional.empty();
    }
}
