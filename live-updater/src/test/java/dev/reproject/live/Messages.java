package dev.reproject.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Eventuate Tram messages of FTGO's Order aggregate as CONTRACT.md §3 shows them, written by hand for the tests. */
final class Messages {

    static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    static final String EVENTS = "net.chrisrichardson.ftgo.orderservice.api.events.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant BASE = Instant.parse("2026-11-30T09:00:00Z");

    private Messages() {
    }

    static String id(long seconds, long counter) {
        return String.format("%016x-%016x", BASE.plusSeconds(seconds).toEpochMilli(), counter);
    }

    static byte[] created(String orderId, long consumerId, long seconds, long counter) {
        return message(orderId, "OrderCreatedEvent", seconds, counter,
                "{\"orderDetails\":{\"lineItems\":[{\"quantity\":2,\"menuItemId\":\"1\",\"name\":\"Chicken Vindaloo\","
                        + "\"price\":\"12.34\",\"total\":\"24.68\"}],\"orderTotal\":\"24.68\",\"restaurantId\":1,"
                        + "\"consumerId\":" + consumerId + "},\"restaurantName\":\"Ajanta\"}");
    }

    static byte[] withoutConsumer(String orderId, long seconds, long counter) {
        return message(orderId, "OrderCreatedEvent", seconds, counter,
                "{\"orderDetails\":{\"lineItems\":[],\"orderTotal\":\"0.00\",\"restaurantId\":1},\"restaurantName\":\"Ajanta\"}");
    }

    static byte[] transition(String orderId, String type, long seconds, long counter) {
        return message(orderId, type, seconds, counter, "{}");
    }

    static byte[] message(String orderId, String type, long seconds, long counter, String payload) {
        ObjectNode message = JSON.createObjectNode();
        message.put("payload", payload);
        ObjectNode headers = message.putObject("headers");
        headers.put("ID", id(seconds, counter));
        headers.put("event-type", EVENTS + type);
        headers.put("event-aggregate-type", TOPIC);
        headers.put("event-aggregate-id", orderId);
        headers.put("DATE",
                DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(BASE.plusSeconds(seconds)));
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }
}
