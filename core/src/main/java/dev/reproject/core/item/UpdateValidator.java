package dev.reproject.core.item;

import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.KeyAttribute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks DynamoDB makes on an {@code UpdateItem} request before it looks at the item (and its condition): any
 * of them failing is a ValidationException whatever the item holds. The marker's {@code SET #m = :eventId} is
 * checked like any other action.
 */
final class UpdateValidator {

    /** {@code #a12345 = list_append(if_not_exists(#a12345, :empty), :v12345), } and some */
    private static final long MAX_RENDERED_ACTION_BYTES = 96;
    /** the marker's placeholders and the empty list of list_append */
    private static final long SUBSTITUTION_SLACK_BYTES = 64;

    /** "The maximum length of any expression string is 4 KB." */
    static final int MAX_EXPRESSION_BYTES = 4096;
    /** "The maximum length of all substitution variables in an expression is 2 MB." */
    static final long MAX_SUBSTITUTION_BYTES = 2L * 1024 * 1024;
    /** Attribute names: at least one character, at most 64 KB. */
    static final int MAX_NAME_BYTES = 65_536;
    static final int MAX_HASH_KEY_BYTES = 2048;
    static final int MAX_RANGE_KEY_BYTES = 1024;

    private final TableSchema table;
    private final Set<String> tableKeys;
    /** GSI key attributes that are not table keys, with their type and size limit. */
    private final Map<String, IndexKey> indexKeys = new HashMap<>();

    private record IndexKey(KeyAttribute attribute, String indexName, int maxBytes) {
    }

    UpdateValidator(TableSchema table) {
        this.table = table;
        this.tableKeys = table.keyAttributes();
        for (TableSchema.GlobalIndex index : table.indexes()) {
            indexKeys.putIfAbsent(index.hashKey().name(),
                    new IndexKey(index.hashKey(), index.name(), MAX_HASH_KEY_BYTES));
            index.rangeKey().ifPresent(range -> indexKeys.putIfAbsent(range.name(),
                    new IndexKey(range, index.name(), MAX_RANGE_KEY_BYTES)));
        }
        tableKeys.forEach(indexKeys::remove);
    }

    void validate(Update update) throws InvalidUpdateException {
        List<Action> actions = withMarker(update);
        values(update, actions);
        names(actions);
        expression(update, actions);
        key(update);
        noKeyAttributeUpdated(actions);
        indexKeyValues(actions);
    }

    /** The update's actions plus the marker's {@code SET}. */
    static List<Action> withMarker(Update update) {
        List<Action> all = new ArrayList<>(update.actions());
        all.add(new Action.Set(update.marker().attribute(), new AttrValue.S(update.marker().eventId())));
        return all;
    }

    private static void values(Update update, List<Action> actions) throws InvalidUpdateException {
        for (Map.Entry<String, AttrValue> key : update.key().entrySet()) {
            ValueRules.check(key.getValue(), "key attribute " + key.getKey());
        }
        for (Action action : actions) {
            Optional<AttrValue> value = Actions.valueOf(action);
            if (value.isPresent()) {
                ValueRules.check(value.get(), "the value of " + Actions.describe(action));
            }
        }
    }

    private static void names(List<Action> actions) throws InvalidUpdateException {
        for (Action action : actions) {
            long bytes = Utf8.length(action.attribute());
            if (bytes == 0) {
                throw new InvalidUpdateException(
                        "ExpressionAttributeNames contains invalid value: Empty attribute name ("
                                + Actions.describe(action) + ")");
            }
            if (bytes > MAX_NAME_BYTES) {
                throw new InvalidUpdateException("Attribute name of " + bytes + " bytes exceeds the limit of "
                        + MAX_NAME_BYTES + " bytes");
            }
        }
    }

    private static void expression(Update update, List<Action> actions) throws InvalidUpdateException {
        Map<String, Action> byAttribute = new HashMap<>();
        for (Action action : actions) {
            Action other = byAttribute.putIfAbsent(action.attribute(), action);
            if (other != null) {
                throw new InvalidUpdateException(
                        "Invalid UpdateExpression: Two document paths overlap with each other; "
                                + "must remove or rewrite one of these paths; path one: [" + other.attribute()
                                + "], path two: [" + action.attribute() + "] (" + Actions.describe(other) + ", "
                                + Actions.describe(action) + ")");
            }
        }
        for (Action action : actions) {
            operand(action);
        }
        if (!mayExceedExpressionLimits(update, actions)) {
            return; // the usual case: far below both limits, no need to render the expression
        }
        RenderedUpdate rendered = UpdateExpressions.render(update);
        long expressionBytes = Utf8.length(rendered.updateExpression());
        if (expressionBytes > MAX_EXPRESSION_BYTES) {
            throw new InvalidUpdateException(
                    "Invalid UpdateExpression: Expression size has exceeded the maximum allowed "
                            + "size; expression size: " + expressionBytes);
        }
        long substitutions = 0;
        for (String name : rendered.names().values()) {
            substitutions += Utf8.length(name);
        }
        for (AttrValue value : rendered.values().values()) {
            substitutions += ItemSize.of(value);
        }
        if (substitutions > MAX_SUBSTITUTION_BYTES) {
            throw new InvalidUpdateException("ExpressionAttributeNames and ExpressionAttributeValues of about "
                    + substitutions + " bytes exceed the limit of " + MAX_SUBSTITUTION_BYTES + " bytes");
        }
    }

    /**
     * An upper bound of what {@link UpdateExpressions#render} gives: each action renders to at most
     * {@link #MAX_RENDERED_ACTION_BYTES} with placeholders, and the substitutions are the names and values.
     */
    private static boolean mayExceedExpressionLimits(Update update, List<Action> actions) {
        long expression = MAX_RENDERED_ACTION_BYTES * (actions.size() + 1L);
        long substitutions = SUBSTITUTION_SLACK_BYTES + Utf8.length(update.marker().attribute())
                + Utf8.length(update.marker().eventId());
        for (Action action : actions) {
            substitutions += Utf8.length(action.attribute()) + Actions.valueOf(action).map(ItemSize::of).orElse(0L);
        }
        return expression > MAX_EXPRESSION_BYTES || substitutions > MAX_SUBSTITUTION_BYTES;
    }

    /** Operand types DynamoDB checks when it parses the expression, before reading the item. */
    private static void operand(Action action) throws InvalidUpdateException {
        if (action instanceof Action.Add a && !isNumberOrSet(a.value())) {
            throw incorrectOperand("ADD", a.value());
        }
        if (action instanceof Action.Delete d && !isSet(d.value())) {
            throw incorrectOperand("DELETE", d.value());
        }
        if (action instanceof Action.ListAppend l && !(l.value() instanceof AttrValue.L)) {
            throw new InvalidUpdateException(
                    "Invalid UpdateExpression: Incorrect operand type for operator or function; "
                            + "operator or function: list_append, operand type: " + l.value().type()
                            + " (" + Actions.describe(action) + ")");
        }
    }

    private void key(Update update) throws InvalidUpdateException {
        List<KeyAttribute> schema = new ArrayList<>();
        schema.add(table.hashKey());
        table.rangeKey().ifPresent(schema::add);
        if (update.key().size() != schema.size()) {
            throw new InvalidUpdateException("The provided key element does not match the schema: key "
                    + update.key().keySet() + ", table keys " + tableKeys);
        }
        for (KeyAttribute attribute : schema) {
            AttrValue value = update.key().get(attribute.name());
            if (value == null || !value.type().equals(attribute.type().name())) {
                throw new InvalidUpdateException("The provided key element does not match the schema: "
                        + attribute.name() + " must be of type " + attribute.type() + ", got "
                        + (value == null ? "nothing" : value.type()));
            }
            int maxBytes = attribute.equals(table.hashKey()) ? MAX_HASH_KEY_BYTES : MAX_RANGE_KEY_BYTES;
            if (value instanceof AttrValue.S s) {
                if (s.value().isEmpty()) {
                    throw new InvalidUpdateException(
                            "One or more parameter values were invalid: The AttributeValue for a "
                                    + "key attribute cannot contain an empty string value. Key: " + attribute.name());
                }
                if (Utf8.length(s.value()) > maxBytes) {
                    throw new InvalidUpdateException("One or more parameter values were invalid: Size of key "
                            + attribute.name() + " exceeds the limit of " + maxBytes + " bytes");
                }
            }
        }
    }

    private void noKeyAttributeUpdated(List<Action> actions) throws InvalidUpdateException {
        for (Action action : actions) {
            if (tableKeys.contains(action.attribute())) {
                throw new InvalidUpdateException("One or more parameter values were invalid: Cannot update attribute "
                        + action.attribute() + ". This attribute is part of the key");
            }
        }
    }

    /** A value written to a GSI key attribute must have the index's key type, and a string must not be empty. */
    private void indexKeyValues(List<Action> actions) throws InvalidUpdateException {
        Set<String> seen = new HashSet<>();
        for (Action action : actions) {
            IndexKey indexKey = indexKeys.get(action.attribute());
            if (indexKey == null || !seen.add(action.attribute())) {
                continue;
            }
            Optional<String> type = writtenType(action);
            if (type.isEmpty()) {
                continue;
            }
            String expected = indexKey.attribute().type().name();
            if (!type.get().equals(expected)) {
                throw new InvalidUpdateException(
                        "One or more parameter values were invalid: Type mismatch for Index Key "
                                + action.attribute() + " Expected: " + expected + " Actual: " + type.get()
                                + " IndexName: " + indexKey.indexName());
            }
            if (Actions.valueOf(action).orElse(null) instanceof AttrValue.S s) {
                if (s.value().isEmpty()) {
                    throw new InvalidUpdateException(
                            "One or more parameter values are not valid. A value specified for a "
                                    + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain "
                                    + "an empty string value. IndexName: " + indexKey.indexName() + ", IndexKey: "
                                    + action.attribute());
                }
                if (Utf8.length(s.value()) > indexKey.maxBytes()) {
                    throw new InvalidUpdateException("One or more parameter values were invalid: Size of index key "
                            + action.attribute() + " exceeds the limit of " + indexKey.maxBytes()
                            + " bytes. IndexName: "
                            + indexKey.indexName());
                }
            }
        }
    }

    /** The type of the value an action writes, as DynamoDB types the expression statically; empty for REMOVE. */
    private static Optional<String> writtenType(Action action) {
        if (action instanceof Action.ListAppend) {
            return Optional.of("L");
        }
        return Actions.valueOf(action).map(AttrValue::type);
    }

    private static boolean isSet(AttrValue value) {
        return value instanceof AttrValue.SS || value instanceof AttrValue.NS;
    }

    private static boolean isNumberOrSet(AttrValue value) {
        return value instanceof AttrValue.N || isSet(value);
    }

    private static InvalidUpdateException incorrectOperand(String operator, AttrValue value) {
        return new InvalidUpdateException("Invalid UpdateExpression: Incorrect operand type for operator or function; "
                + "operator: " + operator + ", operand type: " + value.type());
    }
}
