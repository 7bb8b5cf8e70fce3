package dev.reproject.orderhistory.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.core.decode.PayloadJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an {@code OrderCreatedEvent} payload as FTGO's Order Service writes it:
 * {@code {"orderDetails":{"lineItems":[{"quantity":5,"menuItemId":"1","name":"…","price":"12.34",…}],
 * "orderTotal":"61.70","restaurantId":1,"consumerId":1511300065921},"restaurantName":"Ajanta"}}.
 * Fields the view does not need (a line item's {@code total}, anything added later) are ignored.
 */
final class OrderCreatedReader {

    private static final int SHOWN_ERROR_CHARS = 120;

    private OrderCreatedReader() {
    }

    /** @throws InvalidPayloadException when the payload lacks or mistypes a field the view needs */
    static OrderCreated read(String payload) throws InvalidPayloadException {
        JsonNode tree;
        try {
            tree = PayloadJson.read(payload); // floats as BigDecimal: amounts are never rounded through a double
        } catch (JsonProcessingException e) {
            String reason = String.valueOf(e.getOriginalMessage());
            throw new InvalidPayloadException("payload is not JSON: "
                    + (reason.length() <= SHOWN_ERROR_CHARS ? reason : reason.substring(0, SHOWN_ERROR_CHARS) + "…"));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidPayloadException("payload is empty, not a JSON object");
        }
        return read(tree);
    }

    /**
     * The same from a payload already parsed as {@link #read(String)} parses it (floats as BigDecimal).
     *
     * @throws InvalidPayloadException when the payload lacks or mistypes a field the view needs
     */
    static OrderCreated read(JsonNode tree) throws InvalidPayloadException {
        if (!tree.isObject()) {
            throw new InvalidPayloadException("payload is a JSON " + tree.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not a JSON object");
        }
        PayloadNode root = PayloadNode.root(tree);
        PayloadNode details = root.field("orderDetails").object();
        // canonical decimal: "0042" and 42 name the same consumer, and the GSI's key must agree
        String consumerId = Long.toString(details.field("consumerId").wholeNumber(Long.MIN_VALUE, Long.MAX_VALUE));
        List<OrderCreated.LineItem> lineItems = new ArrayList<>();
        for (PayloadNode item : details.field("lineItems").elements()) {
            lineItems.add(lineItem(item.object()));
        }
        String orderTotal = details.field("orderTotal").money();
        long restaurantId = details.field("restaurantId").wholeNumber(Long.MIN_VALUE, Long.MAX_VALUE);
        String restaurantName = root.field("restaurantName").text();
        return new OrderCreated(consumerId, restaurantId, restaurantName, orderTotal, lineItems);
    }

    private static OrderCreated.LineItem lineItem(PayloadNode item) throws InvalidPayloadException {
        return new OrderCreated.LineItem(
                item.field("menuItemId").text(),
                item.field("name").text(),
                item.field("price").money(),
                (int) item.field("quantity").wholeNumber(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
}
