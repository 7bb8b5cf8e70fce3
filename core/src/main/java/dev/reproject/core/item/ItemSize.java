package dev.reproject.core.item;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An item's size by DynamoDB's documented rules ("Item sizes and formats" in the DynamoDB developer guide), and
 * the 400 KB limit: the sum over attributes of the name's UTF-8 bytes and the value's size, where
 * <ul>
 *   <li>S: its UTF-8 bytes;</li>
 *   <li>N: 1 byte per two significant digits (leading and trailing zeros trimmed), rounded up, plus 1;</li>
 *   <li>BOOL, NULL: 1;</li>
 *   <li>L: 3 + per element 1 + its size; M: 3 + per entry 1 + the key's UTF-8 bytes + its size;</li>
 *   <li>SS, NS: the sum of the elements' sizes.</li>
 * </ul>
 */
public final class ItemSize {

    /** 400 KB */
    public static final long MAX_BYTES = 409_600;

    private static final int CONTAINER_OVERHEAD = 3;
    private static final int ELEMENT_OVERHEAD = 1;

    private ItemSize() {
    }

    public static long of(Item item) {
        return ofAttributes(item.attributes());
    }

    /** The size of a value without its attribute name. */
    public static long of(AttrValue value) {
        if (value instanceof AttrValue.S s) {
            return Utf8.length(s.value());
        }
        if (value instanceof AttrValue.N n) {
            return ofNumber(n.value());
        }
        if (value instanceof AttrValue.Bool || value instanceof AttrValue.Null) {
            return 1;
        }
        if (value instanceof AttrValue.L l) {
            long size = CONTAINER_OVERHEAD;
            for (AttrValue element : l.values()) {
                size += ELEMENT_OVERHEAD + of(element);
            }
            return size;
        }
        if (value instanceof AttrValue.M m) {
            return CONTAINER_OVERHEAD + m.values().size() * (long) ELEMENT_OVERHEAD + ofAttributes(m.values());
        }
        if (value instanceof AttrValue.SS ss) {
            return ss.values().stream().mapToLong(Utf8::length).sum();
        }
        if (value instanceof AttrValue.NS ns) {
            return ns.values().stream().mapToLong(ItemSize::ofNumber).sum();
        }
        throw new IllegalArgumentException("unknown attribute value type: " + value.type());
    }

    /** (significant digits + 1) / 2 + 1; zero counts as one digit. */
    static long ofNumber(BigDecimal number) {
        int digits = number.signum() == 0 ? 1 : number.stripTrailingZeros().precision();
        return (digits + 1) / 2 + 1;
    }

    private static long ofAttributes(Map<String, AttrValue> attributes) {
        long size = 0;
        for (Map.Entry<String, AttrValue> attribute : attributes.entrySet()) {
            size += Utf8.length(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }
}
