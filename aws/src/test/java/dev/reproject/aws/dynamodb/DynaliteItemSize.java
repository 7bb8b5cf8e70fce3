package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;

import java.math.BigDecimal;
import java.util.Map;

/**
 * dynalite 4.0.0's item size ({@code db/index.js} itemSize/valSize), which differs from DynamoDB's documented rules
 * that {@link dev.reproject.core.item.ItemSize} follows: names and strings count UTF-16 code units instead of UTF-8
 * bytes, and a number is {@code 1 + ceil(digits / 2)}, plus 1 when both the digit count and the exponent are even,
 * plus 1 when negative; zero is 1. Used only to recognise the updates where the two disagree about the 400 KB limit.
 */
final class DynaliteItemSize {

    private DynaliteItemSize() {
    }

    static long of(Item item) {
        return ofAttributes(item.attributes());
    }

    private static long ofAttributes(Map<String, AttrValue> attributes) {
        long size = 0;
        for (Map.Entry<String, AttrValue> attribute : attributes.entrySet()) {
            size += attribute.getKey().length() + of(attribute.getValue());
        }
        return size;
    }

    private static long of(AttrValue value) {
        if (value instanceof AttrValue.S s) {
            return s.value().length();
        }
        if (value instanceof AttrValue.N n) {
            return ofNumber(n.value());
        }
        if (value instanceof AttrValue.L l) {
            return 3 + l.values().stream().mapToLong(v -> 1 + of(v)).sum();
        }
        if (value instanceof AttrValue.M m) {
            return 3 + m.values().size() + ofAttributes(m.values());
        }
        if (value instanceof AttrValue.SS ss) {
            return ss.values().stream().mapToLong(String::length).sum();
        }
        if (value instanceof AttrValue.NS ns) {
            return ns.values().stream().mapToLong(DynaliteItemSize::ofNumber).sum();
        }
        return 1; // BOOL, NULL
    }

    private static long ofNumber(BigDecimal number) {
        if (number.signum() == 0) {
            return 1;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        int digits = stripped.precision();
        int exponent = stripped.precision() - stripped.scale() - 1;
        return 1 + (digits + 1) / 2 + (digits % 2 != 0 || exponent % 2 != 0 ? 0 : 1) + (number.signum() < 0 ? 1 : 0);
    }
}
