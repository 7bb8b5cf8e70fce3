package dev.reproject.core.item;

import java.math.BigDecimal;
import java.util.Map;

/** What DynamoDB refuses in any attribute value of a request, wherever it is nested. */
final class ValueRules {

    /** DynamoDB supports nested attributes up to 32 levels deep. */
    static final int MAX_NESTING = 32;

    private ValueRules() {
    }

    /** @param where names the value in the message, e.g. {@code "the value of SET a"} */
    static void check(AttrValue value, String where) throws InvalidUpdateException {
        check(value, where, 0);
    }

    private static void check(AttrValue value, String where, int depth) throws InvalidUpdateException {
        if (value instanceof AttrValue.N n) {
            number(n.value(), where);
        } else if (value instanceof AttrValue.SS ss && ss.values().isEmpty()) {
            throw new InvalidUpdateException(
                    "One or more parameter values were invalid: An string set may not be empty ("
                            + where + ")");
        } else if (value instanceof AttrValue.NS ns) {
            if (ns.values().isEmpty()) {
                throw new InvalidUpdateException(
                        "One or more parameter values were invalid: An number set may not be empty ("
                                + where + ")");
            }
            for (BigDecimal element : ns.values()) {
                number(element, where);
            }
        } else if (value instanceof AttrValue.L l) {
            nesting(depth + 1, where);
            for (AttrValue element : l.values()) {
                check(element, where, depth + 1);
            }
        } else if (value instanceof AttrValue.M m) {
            nesting(depth + 1, where);
            for (Map.Entry<String, AttrValue> entry : m.values().entrySet()) {
                check(entry.getValue(), where, depth + 1);
            }
        }
    }

    private static void nesting(int depth, String where) throws InvalidUpdateException {
        if (depth > MAX_NESTING) {
            throw new InvalidUpdateException("One or more parameter values were invalid: Nesting Levels have exceeded "
                    + "supported limits (more than " + MAX_NESTING + " levels of lists and maps in " + where + ")");
        }
    }

    static void number(BigDecimal number, String where) throws InvalidUpdateException {
        try {
            Numbers.check(number);
        } catch (NumberFormatException e) {
            throw new InvalidUpdateException("Number out of DynamoDB's range or precision: " + e.getMessage()
                    + " (" + where + ")");
        }
    }
}
