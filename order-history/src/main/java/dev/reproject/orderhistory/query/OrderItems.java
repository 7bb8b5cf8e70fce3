package dev.reproject.orderhistory.query;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static dev.reproject.orderhistory.view.OrderHistoryTable.CONSUMER_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.CREATION_DATE;
import static dev.reproject.orderhistory.view.OrderHistoryTable.KEYWORDS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.LINE_ITEMS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.MENU_ITEM_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.MENU_ITEM_NAME;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_STATUS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_TOTAL;
import static dev.reproject.orderhistory.view.OrderHistoryTable.PRICE;
import static dev.reproject.orderhistory.view.OrderHistoryTable.QUANTITY;
import static dev.reproject.orderhistory.view.OrderHistoryTable.RESTAURANT_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.RESTAURANT_NAME;

/** The view's items as {@link Order}s. The {@code events.…} markers are not read. */
final class OrderItems {

    private OrderItems() {
    }

    /**
     * The order an item holds; empty for no item, and for an item without {@code creationDate}: one whose
     * {@code OrderCreatedEvent} was never applied (only status events were, e.g. after the created event was
     * rejected as invalid). Such an item has no GSI key either, so neither query shows it.
     *
     * @throws IllegalStateException when a created order lacks an attribute the view always writes: the table is
     *                               not this view's
     */
    static Optional<Order> toOrder(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty() || !item.containsKey(CREATION_DATE)) {
            return Optional.empty();
        }
        String orderId = string(item, ORDER_ID, "?");
        List<Order.LineItem> lineItems = new ArrayList<>();
        for (AttributeValue line : list(item, orderId)) {
            if (!line.hasM()) {
                throw malformed(orderId, LINE_ITEMS + " holds a value that is not a map");
            }
            Map<String, AttributeValue> m = line.m();
            lineItems.add(new Order.LineItem(string(m, MENU_ITEM_ID, orderId), string(m, MENU_ITEM_NAME, orderId),
                    string(m, PRICE, orderId), number(m, QUANTITY, orderId)));
        }
        AttributeValue keywords = item.get(KEYWORDS);
        return Optional.of(new Order(
                orderId,
                string(item, CONSUMER_ID, orderId),
                string(item, ORDER_STATUS, orderId),
                number(item, CREATION_DATE, orderId),
                number(item, RESTAURANT_ID, orderId),
                string(item, RESTAURANT_NAME, orderId),
                string(item, ORDER_TOTAL, orderId),
                lineItems,
                keywords == null || !keywords.hasSs() ? List.of() : List.copyOf(new TreeSet<>(keywords.ss()))));
    }

    private static List<AttributeValue> list(Map<String, AttributeValue> item, String orderId) {
        AttributeValue value = item.get(LINE_ITEMS);
        if (value == null || !value.hasL()) {
            throw malformed(orderId, "attribute " + LINE_ITEMS + " is missing or not a list");
        }
        return value.l();
    }

    private static String string(Map<String, AttributeValue> item, String name, String orderId) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw malformed(orderId, "attribute " + name + " is missing or not a string");
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name, String orderId) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw malformed(orderId, "attribute " + name + " is missing or not a number");
        }
        try {
            return new BigDecimal(value.n()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw malformed(orderId, "attribute " + name + " is not a whole number: " + value.n());
        }
    }

    private static IllegalStateException malformed(String orderId, String problem) {
        return new IllegalStateException("item " + orderId + " is not an Order History order: " + problem);
    }
}
