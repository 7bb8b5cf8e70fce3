package dev.reproject.core.item;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders an {@link Update} as DynamoDB expressions: every attribute name and value through a placeholder
 * ({@code #a0}, {@code :v0}; the marker {@code #m}, {@code :eventId}), clauses in the order
 * {@code SET … ADD … DELETE … REMOVE …}, and the idempotence condition
 * {@code attribute_not_exists(#m) OR #m < :eventId}. It renders what it is given: DynamoDB (or
 * {@link UpdateFold}) decides whether that is a valid update.
 */
public final class UpdateExpressions {

    public static final String MARKER_NAME = "#m";
    public static final String EVENT_ID_VALUE = ":eventId";
    public static final String EMPTY_LIST_VALUE = ":empty";
    /** A combined write's first event ID, which its condition compares the marker with. */
    public static final String FIRST_EVENT_ID_VALUE = ":firstEventId";
    public static final String CONDITION = condition(EVENT_ID_VALUE);
    public static final String COMBINED_CONDITION = condition(FIRST_EVENT_ID_VALUE);

    private UpdateExpressions() {
    }

    public static RenderedUpdate render(Update update) {
        return render(CombinedUpdate.of(update));
    }

    /**
     * A combined write ({@link UpdateCombiner}): the update's actions and marker as {@link #render(Update)}, with the
     * condition {@code attribute_not_exists(#m) OR #m < :firstEventId} when it stands for more than one update.
     */
    public static RenderedUpdate render(CombinedUpdate write) {
        Update update = write.update();
        SortedMap<String, String> names = new TreeMap<>();
        SortedMap<String, AttrValue> values = new TreeMap<>();
        List<String> set = new ArrayList<>();
        List<String> add = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        List<String> remove = new ArrayList<>();

        List<Action> actions = update.actions();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            String name = "#a" + i;
            String value = ":v" + i;
            names.put(name, action.attribute());
            if (action instanceof Action.Set a) {
                values.put(value, a.value());
                set.add(name + " = " + value);
            } else if (action instanceof Action.SetIfNotExists a) {
                values.put(value, a.value());
                set.add(name + " = if_not_exists(" + name + ", " + value + ")");
            } else if (action instanceof Action.ListAppend a) {
                values.put(value, a.value());
                String list = name;
                if (a.ifNotExists()) {
                    values.put(EMPTY_LIST_VALUE, new AttrValue.L(List.of()));
                    list = "if_not_exists(" + name + ", " + EMPTY_LIST_VALUE + ")";
                }
                set.add(name + " = list_append(" + list + ", " + value + ")");
            } else if (action instanceof Action.Add a) {
                values.put(value, a.value());
                add.add(name + " " + value);
            } else if (action instanceof Action.Delete a) {
                values.put(value, a.value());
                delete.add(name + " " + value);
            } else if (action instanceof Action.Remove) {
                remove.add(name);
            }
        }
        names.put(MARKER_NAME, update.marker().attribute());
        values.put(EVENT_ID_VALUE, new AttrValue.S(update.marker().eventId()));
        set.add(MARKER_NAME + " = " + EVENT_ID_VALUE);
        String condition = CONDITION;
        if (write.events() > 1) {
            values.put(FIRST_EVENT_ID_VALUE, new AttrValue.S(write.firstEventId()));
            condition = COMBINED_CONDITION;
        }

        StringBuilder expression = new StringBuilder();
        clause(expression, "SET", set);
        clause(expression, "ADD", add);
        clause(expression, "DELETE", delete);
        clause(expression, "REMOVE", remove);
        return new RenderedUpdate(update.key(), expression.toString(), condition, names, values);
    }

    private static String condition(String eventIdValue) {
        return "attribute_not_exists(" + MARKER_NAME + ") OR " + MARKER_NAME + " < " + eventIdValue;
    }

    private static void clause(StringBuilder expression, String keyword, List<String> parts) {
        if (parts.isEmpty()) {
            return;
        }
        if (!expression.isEmpty()) {
            expression.append(' ');
        }
        expression.append(keyword).append(' ').append(String.join(", ", parts));
    }
}
