package dev.reproject.oracle;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Items compared as DynamoDB compares them: numbers by value ({@code 1.0} is {@code 1}), sets unordered, lists and
 * maps element by element. The SDK's own {@code equals} compares numbers as the strings they were written as.
 */
public final class DynamoValues {

    private DynamoValues() {
    }

    /** Whether two items (either may be {@code null}: no item) hold the same values. */
    public static boolean sameItem(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        return Objects.equals(canonical(a), canonical(b));
    }

    /** Whether two values (either may be {@code null}: no attribute) are the same. */
    public static boolean sameValue(AttributeValue a, AttributeValue b) {
        return Objects.equals(canonical(a), canonical(b));
    }

    private static Object canonical(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, Object> out = new HashMap<>();
        item.forEach((name, value) -> out.put(name, canonical(value)));
        return out;
    }

    private static Object canonical(AttributeValue value) {
        if (value == null) {
            return null;
        }
        return switch (value.type()) {
            case S -> List.of("S", value.s());
            case N -> List.of("N", number(value.n()));
            case B -> List.of("B", value.b());
            case BOOL -> List.of("BOOL", value.bool());
            case NUL -> List.of("NULL");
            case SS -> List.of("SS", new HashSet<>(value.ss()));
            case NS -> List.of("NS", value.ns().stream().map(DynamoValues::number).collect(Collectors.toSet()));
            case BS -> List.of("BS", new HashSet<>(value.bs()));
            case L -> List.of("L", value.l().stream().map(DynamoValues::canonical).toList());
            case M -> List.of("M", canonical(value.m()));
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("unknown attribute type: " + value);
        };
    }

    private static BigDecimal number(String n) {
        return new BigDecimal(n).stripTrailingZeros();
    }
}
