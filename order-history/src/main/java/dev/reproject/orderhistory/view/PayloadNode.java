package dev.reproject.orderhistory.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.core.decode.PayloadJson;
import dev.reproject.core.item.Numbers;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A value in a payload with the path it was reached by ({@code orderDetails.lineItems[2].quantity}), read as
 * the type the view needs. Every failed read names the path and what was found there.
 */
final class PayloadNode {

    private static final int SHOWN_ERROR_CHARS = 120;
    private static final int SHOWN_CHARS = 60;
    /** a whole number written as a string: FTGO writes numbers, other producers write long ids as strings */
    private static final Pattern WHOLE_TEXT = Pattern.compile("-?[0-9]+");
    /** an amount as FTGO's Money writes it: plain decimal, e.g. {@code 12.34} */
    private static final Pattern MONEY_TEXT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final JsonNode node; // null: missing
    private final String path;

    private PayloadNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The payload text as the root object; {@link InvalidPayloadException} when it is not a JSON object. */
    static PayloadNode parse(String payload) throws InvalidPayloadException {
        JsonNode tree;
        try {
            tree = PayloadJson.read(payload); // floats as BigDecimal: amounts are never rounded through a double
        } catch (JsonProcessingException e) {
            String reason = String.valueOf(e.getOriginalMessage());
            throw new InvalidPayloadException("payload is not JSON: "
                    + (reason.length() <= SHOWN_ERROR_CHARS ? reason : reason.substring(0, SHOWN_ERROR_CHARS) + "…"));
        }
        return ofTree(tree);
    }

    /** A payload already parsed as {@link #parse} parses it, as the root object. */
    static PayloadNode ofTree(JsonNode tree) throws InvalidPayloadException {
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidPayloadException("payload is empty, not a JSON object");
        }
        if (!tree.isObject()) {
            throw new InvalidPayloadException("payload is a JSON " + tree.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not a JSON object");
        }
        return root(tree);
    }

    static PayloadNode root(JsonNode payload) {
        return new PayloadNode(payload, "");
    }

    PayloadNode field(String name) {
        return new PayloadNode(node == null ? null : node.get(name), path.isEmpty() ? name : path + "." + name);
    }

    /** This value, required to be a JSON object. */
    PayloadNode object() throws InvalidPayloadException {
        if (!present().isObject()) {
            throw wrong("not an object");
        }
        return this;
    }

    /** The elements of this value, required to be a JSON array. */
    PayloadNode[] elements() throws InvalidPayloadException {
        if (!present().isArray()) {
            throw wrong("not an array");
        }
        PayloadNode[] elements = new PayloadNode[node.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = new PayloadNode(node.get(i), path + "[" + i + "]");
        }
        return elements;
    }

    String text() throws InvalidPayloadException {
        if (!present().isTextual()) {
            throw wrong("not a string");
        }
        return node.textValue();
    }

    /**
     * A whole number from {@code min} to {@code max}: a JSON number without a fractional part ({@code 5},
     * {@code 5.0} and {@code 5e0} alike), or a string of decimal digits ({@code "5"}). Never rounded.
     */
    long wholeNumber(long min, long max) throws InvalidPayloadException {
        present();
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual() && WHOLE_TEXT.matcher(node.textValue()).matches()) {
            value = new BigDecimal(node.textValue());
        } else {
            throw wrong("not a whole number");
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw wrong("not a whole number");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw wrong("outside " + min + ".." + max);
        }
        return value.longValueExact();
    }

    /**
     * An amount of money as text: a string holding a plain decimal number is kept exactly as written
     * ({@code "12.3"} stays {@code "12.3"}); a JSON number is written with at least two decimals and never
     * rounded ({@code 12.3} → {@code "12.30"}, {@code 12} → {@code "12.00"}, {@code 12.345} → {@code "12.345"}).
     */
    String money() throws InvalidPayloadException {
        present();
        if (node.isTextual() && MONEY_TEXT.matcher(node.textValue()).matches()) {
            return node.textValue();
        }
        if (!node.isNumber()) {
            throw wrong("not an amount such as \"12.34\"");
        }
        BigDecimal value = node.decimalValue();
        try {
            Numbers.check(value); // also keeps the plain rendering below short
        } catch (NumberFormatException e) {
            throw wrong("not an amount of money");
        }
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale())).toPlainString();
    }

    private JsonNode present() throws InvalidPayloadException {
        if (node == null || node.isMissingNode()) {
            throw new InvalidPayloadException(path + " is missing");
        }
        return node;
    }

    private InvalidPayloadException wrong(String what) {
        return new InvalidPayloadException(path + " is " + shown(node) + ", " + what);
    }

    private static String shown(JsonNode value) {
        String json = value.toString();
        if (json.length() <= SHOWN_CHARS) {
            return json;
        }
        int cut = Character.isHighSurrogate(json.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return json.substring(0, cut) + "…";
    }
}
