package dev.reproject.orderhistory.view;

import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;

import java.time.Instant;

/** Events as CONTRACT.md §3's example message carries them; names written out, not taken from the code under test. */
final class TestEvents {

    static final String ORDER = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    static final String EVENTS = "net.chrisrichardson.ftgo.orderservice.api.events.";
    static final String CREATED = EVENTS + "OrderCreatedEvent";
    static final String AUTHORIZED = EVENTS + "OrderAuthorized";
    static final String REJECTED = EVENTS + "OrderRejected";
    static final String CANCELLED = EVENTS + "OrderCancelled";
    static final String REVISION_PROPOSED = EVENTS + "OrderRevisionProposed";
    static final String REVISED = EVENTS + "OrderRevised";

    static final String ID = "0000018c1f2e3d4c-0242ac1200090000";
    static final String ORDER_ID = "4711";
    /** Mon, 30 Nov 2026 09:15:02 GMT */
    static final Instant TIME = Instant.parse("2026-11-30T09:15:02Z");
    /** {@link #TIME} in epoch milliseconds, from {@code date -u -d 2026-11-30T09:15:02Z +%s} × 1000 */
    static final long TIME_MILLIS = 1_796_030_102_000L;
    static final String MARKER = "events.net.chrisrichardson.ftgo.orderservice.domain.Order4711";

    /** CONTRACT.md §4's example payload. */
    static final String EXAMPLE_PAYLOAD = "{\"orderDetails\":{\"lineItems\":[{\"quantity\":5,\"menuItemId\":\"1\","
            + "\"name\":\"Chicken Vindaloo\",\"price\":\"12.34\",\"total\":\"61.70\"}],\"orderTotal\":\"61.70\","
            + "\"restaurantId\":1,\"consumerId\":1511300065921},\"restaurantName\":\"Ajanta\"}";

    private TestEvents() {
    }

    static DomainEvent event(String type, String payload) {
        return event(ORDER, type, payload);
    }

    static DomainEvent event(String aggregateType, String type, String payload) {
        return new DomainEvent(ID, type, aggregateType, ORDER_ID, TIME, payload, SourcePosition.of(ORDER, 3, 1234));
    }

    /** JSON written with single quotes, for readable test payloads. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
