package dev.reproject.core.item;

import java.util.Optional;

/** What the interpreters need to know of an {@link Action} beyond its record fields. */
final class Actions {

    private Actions() {
    }

    /** The operation's name, as messages show it. */
    static String opName(Action action) {
        if (action instanceof Action.Set) {
            return "SET";
        }
        if (action instanceof Action.SetIfNotExists) {
            return "SET_IF_NOT_EXISTS";
        }
        if (action instanceof Action.Add) {
            return "ADD";
        }
        if (action instanceof Action.Delete) {
            return "DELETE";
        }
        if (action instanceof Action.Remove) {
            return "REMOVE";
        }
        if (action instanceof Action.ListAppend) {
            return "LIST_APPEND";
        }
        throw new IllegalArgumentException("unknown action " + action);
    }

    /** The value an action carries; empty for REMOVE. */
    static Optional<AttrValue> valueOf(Action action) {
        if (action instanceof Action.Set a) {
            return Optional.of(a.value());
        }
        if (action instanceof Action.SetIfNotExists a) {
            return Optional.of(a.value());
        }
        if (action instanceof Action.Add a) {
            return Optional.of(a.value());
        }
        if (action instanceof Action.Delete a) {
            return Optional.of(a.value());
        }
        if (action instanceof Action.ListAppend a) {
            return Optional.of(a.value());
        }
        return Optional.empty();
    }

    /** For messages: e.g. {@code ADD count}. */
    static String describe(Action action) {
        return opName(action) + " " + action.attribute();
    }
}
