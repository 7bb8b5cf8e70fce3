package dev.reproject.orderhistory.query;

import java.util.List;
import java.util.Objects;

/**
 * An order as the queries return it (CONTRACT.md §4): the view's item without its {@code events.…} markers.
 *
 * @param orderStatus  as stored ({@code APPROVAL_PENDING}, {@code APPROVED}, …); a string, so that a status a
 *                     later view version writes still reads
 * @param creationDate epoch milliseconds: the time of the {@code OrderCreatedEvent}
 * @param keywords     the order's search words, sorted; empty when it has none
 */
public record Order(String orderId,
                    String consumerId,
                    String orderStatus,
                    long creationDate,
                    long restaurantId,
                    String restaurantName,
                    String orderTotal,
                    List<LineItem> lineItems,
                    List<String> keywords) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(orderStatus, "orderStatus");
        Objects.requireNonNull(restaurantName, "restaurantName");
        Objects.requireNonNull(orderTotal, "orderTotal");
        lineItems = List.copyOf(lineItems);
        keywords = List.copyOf(keywords);
    }

    /** One line of an order; {@code price} is a money string as the event had it, e.g. {@code "12.34"}. */
    public record LineItem(String menuItemId, String menuItemName, String price, long quantity) {

        public LineItem {
            Objects.requireNonNull(menuItemId, "menuItemId");
            Objects.requireNonNull(menuItemName, "menuItemName");
            Objects.requireNonNull(price, "price");
        }
    }
}
