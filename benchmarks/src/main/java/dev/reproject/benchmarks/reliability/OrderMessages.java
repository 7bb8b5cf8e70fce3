package dev.reproject.benchmarks.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Eventuate messages of the Order History view's events, one archive line or Kafka value each, for the corpus. */
public final class OrderMessages {

    public static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final String EVENTS = "net.chrisrichardson.ftgo.orderservice.api.events.";
    public static final String ORDER_CREATED = EVENTS + "OrderCreatedEvent";
    public static final String ORDER_AUTHORIZED = EVENTS + "OrderAuthorized";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BASE_MILLIS = Instant.parse("2026-11-30T09:00:00Z").toEpochMilli();

    private OrderMessages() {
    }

    /** An Eventuate ID whose time part is {@code seq} ms after a fixed instant. */
    public static String id(long seq) {
        return String.format(Locale.ROOT, "%016x-%016x", BASE_MILLIS + seq, 0x0242ac1200090000L + seq);
    }

    /** {@code OrderCreatedEvent} for {@code orderId}, one line item named {@code itemName}. */
    public static String orderCreated(long seq, String orderId, String restaurantName, String itemName) {
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode details = payload.putObject("orderDetails");
        ObjectNode item = details.putArray("lineItems").addObject();
        item.put("quantity", 2).put("menuItemId", "m1").put("name", itemName).put("price", "12.34");
        details.put("orderTotal", "24.68").put("restaurantId", 7).put("consumerId", 4711);
        payload.put("restaurantName", restaurantName);
        return message(seq, ORDER_CREATED, orderId, payload.toString());
    }

    /** {@code OrderCreatedEvent} without {@code orderDetails.lineItems}: {@code invalid-event}. */
    public static String orderCreatedWithoutLineItems(long seq, String orderId) {
        ObjectNode payload = JSON.createObjectNode();
        payload.putObject("orderDetails").put("orderTotal", "1.00").put("restaurantId", 7).put("consumerId", 1);
        payload.put("restaurantName", "Nowhere");
        return message(seq, ORDER_CREATED, orderId, payload.toString());
    }

    public static String orderAuthorized(long seq, String orderId) {
        return message(seq, ORDER_AUTHORIZED, orderId, "{}");
    }

    /** A message with the given header values and payload text. */
    public static String message(long seq, String type, String orderId, String payloadText) {
        ObjectNode message = JSON.createObjectNode();
        message.put("payload", payloadText);
        ObjectNode headers = message.putObject("headers");
        headers.put("ID", id(seq));
        headers.put("event-type", type);
        headers.put("event-aggregate-id", orderId);
        headers.put("event-aggregate-type", TOPIC);
        headers.put("DATE", DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.ofEpochMilli(BASE_MILLIS + seq).atOffset(ZoneOffset.UTC)));
        return message.toString();
    }
}
