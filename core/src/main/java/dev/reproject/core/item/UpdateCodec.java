package dev.reproject.core.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link Update}s as compact JSON, to move them between Spark stages and to show them in rejects:
 * <pre>{@code
 * {"key":{"orderId":{"S":"1"}},
 *  "marker":{"attribute":"events.Order1","eventId":"0000018c1f2e3d4c-0242ac1200090000"},
 *  "actions":[{"op":"SET","attribute":"status","value":{"S":"APPROVED"}},
 *             {"op":"LIST_APPEND","attribute":"lines","value":{"L":[]},"ifNotExists":true},
 *             {"op":"REMOVE","attribute":"note"}]}
 * }</pre>
 * (on one line). Ops: SET, SET_IF_NOT_EXISTS, ADD, DELETE, REMOVE, LIST_APPEND. Values are DynamoDB JSON
 * ({@link DynamoJson}); updates DynamoDB would refuse (an empty set, a number out of range) round-trip as well.
 */
public final class UpdateCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> UPDATE_FIELDS = Set.of("key", "marker", "actions");
    private static final Set<String> MARKER_FIELDS = Set.of("attribute", "eventId");

    private UpdateCodec() {
    }

    public static String toJson(Update update) {
        ObjectNode root = NODES.objectNode();
        root.set("key", DynamoJson.toNode(update.key()));
        ObjectNode marker = root.putObject("marker");
        marker.put("attribute", update.marker().attribute());
        marker.put("eventId", update.marker().eventId());
        var actions = root.putArray("actions");
        for (Action action : update.actions()) {
            ObjectNode node = actions.addObject();
            node.put("op", Actions.opName(action));
            node.put("attribute", action.attribute());
            Actions.valueOf(action).ifPresent(value -> node.set("value", DynamoJson.toNode(value)));
            if (action instanceof Action.ListAppend append) {
                node.put("ifNotExists", append.ifNotExists());
            }
        }
        return DynamoJson.toJson(root);
    }

    /** @throws IllegalArgumentException when {@code json} is not an update written by {@link #toJson} */
    public static Update fromJson(String json) {
        JsonNode root = DynamoJson.parse(json, "update");
        onlyFields(root, UPDATE_FIELDS, "$");
        JsonNode markerNode = required(root, "marker", "$");
        onlyFields(markerNode, MARKER_FIELDS, "$.marker");
        Marker marker = new Marker(text(markerNode, "attribute", "$.marker"), text(markerNode, "eventId", "$.marker"));
        var key = DynamoJson.readAttributes(required(root, "key", "$"), DynamoJson.Where.ROOT.then(".key"), false);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("an update needs a key: $.key is empty");
        }
        JsonNode actionsNode = required(root, "actions", "$");
        if (!actionsNode.isArray()) {
            throw new IllegalArgumentException("expected an array at $.actions");
        }
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < actionsNode.size(); i++) {
            actions.add(action(actionsNode.get(i), "$.actions[" + i + "]"));
        }
        return new Update(key, actions, marker);
    }

    private static Action action(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected an action object at " + where);
        }
        String op = text(node, "op", where);
        String attribute = text(node, "attribute", where);
        return switch (op) {
            case "SET" -> {
                onlyFields(node, Set.of("op", "attribute", "value"), where);
                yield new Action.Set(attribute, value(node, where));
            }
            case "SET_IF_NOT_EXISTS" -> {
                onlyFields(node, Set.of("op", "attribute", "value"), where);
                yield new Action.SetIfNotExists(attribute, value(node, where));
            }
            case "ADD" -> {
                onlyFields(node, Set.of("op", "attribute", "value"), where);
                yield new Action.Add(attribute, value(node, where));
            }
            case "DELETE" -> {
                onlyFields(node, Set.of("op", "attribute", "value"), where);
                yield new Action.Delete(attribute, value(node, where));
            }
            case "REMOVE" -> {
                onlyFields(node, Set.of("op", "attribute"), where);
                yield new Action.Remove(attribute);
            }
            case "LIST_APPEND" -> {
                onlyFields(node, Set.of("op", "attribute", "value", "ifNotExists"), where);
                JsonNode ifNotExists = required(node, "ifNotExists", where);
                if (!ifNotExists.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false at " + where + ".ifNotExists");
                }
                yield new Action.ListAppend(attribute, value(node, where), ifNotExists.booleanValue());
            }
            default -> throw new IllegalArgumentException("unknown op \"" + op + "\" at " + where
                    + ": use one of SET, SET_IF_NOT_EXISTS, ADD, DELETE, REMOVE, LIST_APPEND");
        };
    }

    private static AttrValue value(JsonNode node, String where) {
        return DynamoJson.readValue(required(node, "value", where), new DynamoJson.Where(null, where + ".value"), false);
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\" at " + where);
        }
        return child;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode child = required(node, field, where);
        if (!child.isTextual()) {
            throw new IllegalArgumentException("expected a string at " + where + "." + field);
        }
        return child.textValue();
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object at " + where);
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\" at " + where + " (expected "
                        + new TreeSet<>(allowed) + ")");
            }
        }
    }
}
