package dev.reproject.orderhistory.view;

import java.util.List;
import java.util.Objects;

/**
 * What the view takes from an {@code OrderCreatedEvent} payload.
 *
 * @param consumerId the consumer's id in canonical decimal form (the GSI's hash key)
 * @param orderTotal the amount as text, e.g. {@code 61.70}
 */
record OrderCreated(String consumerId, long restaurantId, String restaurantName, String orderTotal,
                    List<LineItem> lineItems) {

    OrderCreated {
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(restaurantName, "restaurantName");
        Objects.requireNonNull(orderTotal, "orderTotal");
        lineItems = List.copyOf(lineItems);
    }

    /** @param price the amount as text, e.g. {@code 12.34} */
    record LineItem(String menuItemId, String name, String price, int quantity) {
        LineItem {
            Objects.requireNonNull(menuItemId, "menuItemId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(price, "price");
        }
    }
}
