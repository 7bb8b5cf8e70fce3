package dev.reproject.orderhistory;

import java.util.Set;

/** The names FTGO's Order Service publishes under: its aggregate type (= topic) and event types. */
public final class FtgoOrder {

    /** The aggregate type, which Eventuate Tram also uses as the topic name. */
    public static final String AGGREGATE_TYPE = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    public static final String TOPIC = AGGREGATE_TYPE;

    private static final String EVENTS = "net.chrisrichardson.ftgo.orderservice.api.events.";
    public static final String ORDER_CREATED = EVENTS + "OrderCreatedEvent";
    public static final String ORDER_AUTHORIZED = EVENTS + "OrderAuthorized";
    public static final String ORDER_REJECTED = EVENTS + "OrderRejected";
    public static final String ORDER_CANCELLED = EVENTS + "OrderCancelled";
    /** Published by FTGO, not handled by the Order History view. */
    public static final String ORDER_REVISION_PROPOSED = EVENTS + "OrderRevisionProposed";
    /** Published by FTGO, not handled by the Order History view. */
    public static final String ORDER_REVISED = EVENTS + "OrderRevised";

    /** The event types the Order History view applies; others are skipped. */
    public static final Set<String> HANDLED = Set.of(ORDER_CREATED, ORDER_AUTHORIZED, ORDER_REJECTED, ORDER_CANCELLED);

    private FtgoOrder() {
    }
}
