package dev.reproject.core.item;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Items and values as DynamoDB JSON ({@code {"a":{"S":"x"},"n":{"N":"1.5"}}}), as snapshots store them.
 * Writing is deterministic (attributes and map keys sorted, set elements sorted, numbers normalised), so equal
 * items give equal strings. Reading is strict: exactly one type per value, numbers as strings, no duplicate keys
 * or set elements; binary types are not supported.
 *
 * <p>{@link #readItem} accepts only what DynamoDB can store (no empty sets, numbers within DynamoDB's range);
 * {@link #readValue} accepts any value the model holds, as updates that DynamoDB would refuse are written too
 * (in rejects).
 */
public final class DynamoJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DynamoJson() {
    }

    public static String write(Item item) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
            writeAttributes(out, item.attributes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        return text.toString();
    }

    /** Streams the attributes as they are sorted (as {@link Item} and {@link AttrValue.M} keep them). */
    private static void writeAttributes(JsonGenerator out, SortedMap<String, AttrValue> attributes) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, AttrValue> attribute : attributes.entrySet()) {
            out.writeFieldName(attribute.getKey());
            writeValue(out, attribute.getValue());
        }
        out.writeEndObject();
    }

    private static void writeValue(JsonGenerator out, AttrValue value) throws IOException {
        out.writeStartObject();
        out.writeFieldName(value.type());
        if (value instanceof AttrValue.S s) {
            out.writeString(s.value());
        } else if (value instanceof AttrValue.N n) {
            out.writeString(n.text());
        } else if (value instanceof AttrValue.Bool b) {
            out.writeBoolean(b.value());
        } else if (value instanceof AttrValue.Null) {
            out.writeBoolean(true);
        } else if (value instanceof AttrValue.L l) {
            out.writeStartArray();
            for (AttrValue element : l.values()) {
                writeValue(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof AttrValue.M m) {
            writeAttributes(out, m.values());
        } else if (value instanceof AttrValue.SS ss) {
            out.writeStartArray();
            for (String element : ss.values()) {
                out.writeString(element);
            }
            out.writeEndArray();
        } else if (value instanceof AttrValue.NS ns) {
            out.writeStartArray();
            for (BigDecimal element : ns.values()) {
                out.writeString(element.toPlainString());
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("unknown attribute value type: " + value.type());
        }
        out.writeEndObject();
    }

    /** @throws IllegalArgumentException when {@code json} is not an item in DynamoDB JSON */
    public static Item readItem(String json) {
        JsonNode node = parse(json, "item");
        return new Item(readAttributes(node, Where.ROOT, true));
    }

    /** One value, e.g. {@code {"SS":["a","b"]}}. */
    public static String writeValue(AttrValue value) {
        return toJson(toNode(value));
    }

    /** @throws IllegalArgumentException when {@code json} is not one value in DynamoDB JSON */
    public static AttrValue readValue(String json) {
        return readValue(parse(json, "value"), Where.ROOT, false);
    }

    static ObjectNode toNode(Map<String, AttrValue> attributes) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(attributes).forEach((name, value) -> node.set(name, toNode(value)));
        return node;
    }

    static ObjectNode toNode(AttrValue value) {
        ObjectNode node = NODES.objectNode();
        if (value instanceof AttrValue.S s) {
            node.put("S", s.value());
        } else if (value instanceof AttrValue.N n) {
            node.put("N", n.text());
        } else if (value instanceof AttrValue.Bool b) {
            node.put("BOOL", b.value());
        } else if (value instanceof AttrValue.Null) {
            node.put("NULL", true);
        } else if (value instanceof AttrValue.L l) {
            ArrayNode elements = node.putArray("L");
            l.values().forEach(element -> elements.add(toNode(element)));
        } else if (value instanceof AttrValue.M m) {
            node.set("M", toNode(m.values()));
        } else if (value instanceof AttrValue.SS ss) {
            ArrayNode elements = node.putArray("SS");
            ss.values().forEach(elements::add);
        } else if (value instanceof AttrValue.NS ns) {
            ArrayNode elements = node.putArray("NS");
            ns.values().forEach(number -> elements.add(number.toPlainString()));
        } else {
            throw new IllegalArgumentException("unknown attribute value type: " + value.type());
        }
        return node;
    }

    /**
     * @param where    a JSON path for messages, e.g. {@code $.lineItems[0]}
     * @param asStored only what DynamoDB can store: no empty sets, numbers in range
     */
    static SortedMap<String, AttrValue> readAttributes(JsonNode node, Where where, boolean asStored) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    "expected a JSON object of attributes at " + where + ", got " + kind(node));
        }
        SortedMap<String, AttrValue> attributes = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            attributes.put(field.getKey(), readValue(field.getValue(), where.then("." + field.getKey()), asStored));
        }
        return attributes;
    }

    static AttrValue readValue(JsonNode node, Where where, boolean asStored) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException(
                    "expected an attribute value like {\"S\":\"text\"} (an object with exactly "
                            + "one type: S, N, BOOL, NULL, L, M, SS, NS) at " + where + ", got " + describe(node));
        }
        Map.Entry<String, JsonNode> typed = node.fields().next();
        String type = typed.getKey();
        JsonNode content = typed.getValue();
        Where at = where.then("." + type);
        return switch (type) {
            case "S" -> new AttrValue.S(text(content, at));
            case "N" -> new AttrValue.N(number(text(content, at), at, asStored));
            case "BOOL" -> {
                if (!content.isBoolean()) {
                    throw new IllegalArgumentException(
                            "expected true or false at " + at + ", got " + describe(content));
                }
                yield new AttrValue.Bool(content.booleanValue());
            }
            case "NULL" -> {
                if (!content.isBoolean() || !content.booleanValue()) {
                    throw new IllegalArgumentException("expected true (NULL values are {\"NULL\":true}) at " + at
                            + ", got " + describe(content));
                }
                yield new AttrValue.Null();
            }
            case "L" -> {
                List<AttrValue> elements = new ArrayList<>();
                int i = 0;
                for (JsonNode element : array(content, at)) {
                    elements.add(readValue(element, where.then("[" + i++ + "]"), asStored));
                }
                yield new AttrValue.L(elements);
            }
            case "M" -> new AttrValue.M(readAttributes(content, at, asStored));
            case "SS" -> {
                TreeSet<String> elements = new TreeSet<>();
                for (JsonNode element : set(content, at, asStored)) {
                    String text = text(element, at);
                    if (!elements.add(text)) {
                        throw new IllegalArgumentException(
                                "duplicate element \"" + text + "\" in the string set at " + at);
                    }
                }
                yield new AttrValue.SS(elements);
            }
            case "NS" -> {
                TreeSet<BigDecimal> elements = new TreeSet<>();
                for (JsonNode element : set(content, at, asStored)) {
                    String text = text(element, at);
                    if (!elements.add(number(text, at, asStored))) {
                        throw new IllegalArgumentException("duplicate element " + text + " in the number set at " + at);
                    }
                }
                yield new AttrValue.NS(elements);
            }
            case "B", "BS" -> throw new IllegalArgumentException("binary values (" + type + ") are not supported, at "
                    + where);
            default -> throw new IllegalArgumentException("unknown attribute value type \"" + type + "\" at " + where
                    + ": use one of S, N, BOOL, NULL, L, M, SS, NS");
        };
    }

    static JsonNode parse(String json, String what) {
        if (json == null) {
            throw new IllegalArgumentException("no JSON given for the " + what);
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (expected the " + what + " in DynamoDB JSON): "
                    + e.getOriginalMessage(), e);
        }
    }

    static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String text(JsonNode node, Where where) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("expected a JSON string at " + where + ", got " + describe(node));
        }
        return node.textValue();
    }

    private static BigDecimal number(String text, Where where, boolean asStored) {
        try {
            if (!text.equals(text.strip())) {
                throw new NumberFormatException("blanks around the number");
            }
            if (asStored) {
                return Numbers.parse(text);
            }
            return Numbers.normalise(new BigDecimal(text));
        } catch (NumberFormatException e) {
            String reason = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            throw new IllegalArgumentException("not a DynamoDB number: \"" + text + "\" at " + where + reason, e);
        }
    }

    private static JsonNode array(JsonNode node, Where where) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("expected a JSON array at " + where + ", got " + describe(node));
        }
        return node;
    }

    private static JsonNode set(JsonNode node, Where where, boolean asStored) {
        array(node, where);
        if (asStored && node.isEmpty()) {
            throw new IllegalArgumentException("empty set at " + where + ": DynamoDB stores no empty sets");
        }
        return node;
    }

    private static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return kind(node) + " " + (text.length() > 80 ? text.substring(0, 77) + "..." : text);
    }

    /** Where in the JSON a value is, for messages: built into text only when there is an error to report. */
    record Where(Where parent, String segment) {
        static final Where ROOT = new Where(null, "$");

        Where then(String next) {
            return new Where(this, next);
        }

        @Override
        public String toString() {
            return parent == null ? segment : parent + segment;
        }
    }
}
