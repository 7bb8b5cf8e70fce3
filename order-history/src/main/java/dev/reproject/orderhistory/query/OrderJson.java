package dev.reproject.orderhistory.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of the queries (CONTRACT.md §4), the same for REST and {@code reproject query}: an order, a history page
 * {@code {"orders":[…],"nextPageToken":…}} (null on the last page) and an error {@code {"error":…,"message":…}}.
 * Keys in the contract's order (CONTRACT.md §4.7).
 */
public final class OrderJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OrderJson() {
    }

    public static Map<String, Object> toMap(Order order) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", order.orderId());
        json.put("consumerId", order.consumerId());
        json.put("orderStatus", order.orderStatus());
        json.put("creationDate", order.creationDate());
        json.put("restaurantId", order.restaurantId());
        json.put("restaurantName", order.restaurantName());
        json.put("orderTotal", order.orderTotal());
        json.put("lineItems", order.lineItems().stream().map(OrderJson::toMap).toList());
        json.put("keywords", order.keywords());
        return json;
    }

    public static Map<String, Object> toMap(OrderHistoryPage page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orders", page.orders().stream().map(OrderJson::toMap).toList());
        json.put("nextPageToken", page.nextPageToken().orElse(null));
        return json;
    }

    public static Map<String, Object> error(String code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", code);
        json.put("message", message);
        return json;
    }

    /** One line of JSON. */
    public static String write(Map<String, ?> json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static Map<String, Object> toMap(Order.LineItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("menuItemId", item.menuItemId());
        json.put("menuItemName", item.menuItemName());
        json.put("price", item.price());
        json.put("quantity", item.quantity());
        return json;
    }
}
