package dev.reproject.orderhistory.generate;

import dev.reproject.orderhistory.FtgoOrder;

/** The events an order's timeline holds, in the order they can happen to one order. */
enum EventKind {
    CREATED(FtgoOrder.ORDER_CREATED),
    AUTHORIZED(FtgoOrder.ORDER_AUTHORIZED),
    REJECTED(FtgoOrder.ORDER_REJECTED),
    REVISION_PROPOSED(FtgoOrder.ORDER_REVISION_PROPOSED),
    REVISED(FtgoOrder.ORDER_REVISED),
    CANCELLED(FtgoOrder.ORDER_CANCELLED);

    private final String type;

    EventKind(String type) {
        this.type = type;
    }

    /** The {@code event-type} header. */
    String type() {
        return type;
    }

    boolean handled() {
        return FtgoOrder.HANDLED.contains(type);
    }
}
