package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link AttrValue}s and {@link Item}s as the SDK's {@link AttributeValue}s, both ways. Values DynamoDB would refuse
 * (an empty set) convert as they are, so that DynamoDB, not this adapter, refuses them.
 */
public final class AttributeValues {

    private AttributeValues() {
    }

    public static AttributeValue toSdk(AttrValue value) {
        if (value instanceof AttrValue.S s) {
            return AttributeValue.fromS(s.value());
        }
        if (value instanceof AttrValue.N n) {
            return AttributeValue.fromN(n.text());
        }
        if (value instanceof AttrValue.Bool b) {
            return AttributeValue.fromBool(b.value());
        }
        if (value instanceof AttrValue.Null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof AttrValue.L l) {
            List<AttributeValue> elements = new ArrayList<>(l.values().size());
            l.values().forEach(element -> elements.add(toSdk(element)));
            return AttributeValue.fromL(elements);
        }
        if (value instanceof AttrValue.M m) {
            return AttributeValue.fromM(toSdk(m.values()));
        }
        if (value instanceof AttrValue.SS ss) {
            return AttributeValue.fromSs(new ArrayList<>(ss.values()));
        }
        if (value instanceof AttrValue.NS ns) {
            return AttributeValue.fromNs(ns.values().stream().map(BigDecimal::toPlainString).toList());
        }
        throw new IllegalArgumentException("unknown attribute value type: " + value.type());
    }

    public static Map<String, AttributeValue> toSdk(Map<String, ? extends AttrValue> attributes) {
        Map<String, AttributeValue> sdk = new LinkedHashMap<>();
        attributes.forEach((name, value) -> sdk.put(name, toSdk(value)));
        return sdk;
    }

    public static Map<String, AttributeValue> toSdk(Item item) {
        return toSdk(item.attributes());
    }

    /** @throws IllegalArgumentException for binary values (not modelled) or a type this SDK version does not know */
    public static AttrValue fromSdk(AttributeValue value) {
        return switch (value.type()) {
            case S -> new AttrValue.S(value.s());
            case N -> new AttrValue.N(new BigDecimal(value.n()));
            case BOOL -> new AttrValue.Bool(value.bool());
            case NUL -> new AttrValue.Null();
            case L -> {
                List<AttrValue> elements = new ArrayList<>(value.l().size());
                value.l().forEach(element -> elements.add(fromSdk(element)));
                yield new AttrValue.L(elements);
            }
            case M -> new AttrValue.M(fromSdk(value.m()));
            case SS -> new AttrValue.SS(new TreeSet<>(value.ss()));
            case NS -> {
                TreeSet<BigDecimal> numbers = new TreeSet<>();
                value.ns().forEach(number -> numbers.add(new BigDecimal(number)));
                yield new AttrValue.NS(numbers);
            }
            case B, BS -> throw new IllegalArgumentException("binary attribute values (" + value.type()
                    + ") are not supported");
            default -> throw new IllegalArgumentException("unknown attribute value: " + value);
        };
    }

    public static TreeMap<String, AttrValue> fromSdk(Map<String, AttributeValue> attributes) {
        TreeMap<String, AttrValue> values = new TreeMap<>();
        attributes.forEach((name, value) -> values.put(name, fromSdk(value)));
        return values;
    }

    /** An item as GetItem returns it; an empty or missing map is {@link Item#EMPTY}. */
    public static Item toItem(Map<String, AttributeValue> attributes) {
        return attributes == null ? Item.EMPTY : new Item(fromSdk(attributes));
    }
}
