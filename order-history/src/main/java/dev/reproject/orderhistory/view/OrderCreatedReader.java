package dev.reproject.orderhistory.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code OrderCreatedEvent} payload as FTGO's Order Service writes it:
 * {@code {"orderDetails":{"lineItems":[{"quantity":5,"menuItemId":"1","name":"…","price":"12.34",…}],
 * "orderTotal":"61.70","restaurantId":1,"consumerId":1511300065921},"restaurantName":"Ajanta"}}.
 * Fields the view does not need (a line item's {@code total}, anything added later) are ignored.
 */
final class OrderCreatedReader {

    private OrderCreatedReader() {
    }

    /** @throws InvalidPayloadException when the payload lacks or mistypes a field the view needs */
    static OrderCreated read(String payload) throws InvalidPayloadException {
        return read(PayloadNode.parse(payload));
    }

    /**
     * The same from a payload already parsed as {@link #read(String)} parses it (floats as BigDecimal).
     *
     * @throws InvalidPayloadException when the payload lacks or mistypes a field the view needs
     */
    static OrderCreated read(JsonNode tree) throws InvalidPayloadException {
        return read(PayloadNode.ofTree(tree));
    }

    private static OrderCreated read(PayloadNode root) throws InvalidPayloadException {
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
