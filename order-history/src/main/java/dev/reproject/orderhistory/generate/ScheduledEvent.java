package dev.reproject.orderhistory.generate;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * One event of one order at its event time. Events are emitted in (time, order id, kind) order, which is
 * also the order of their IDs.
 *
 * @param revision for {@link EventKind#REVISION_PROPOSED} and {@link EventKind#REVISED}, what changes; else null
 */
record ScheduledEvent(long time, EventKind kind, OrderPlan order,
                      Revision revision) implements Comparable<ScheduledEvent> {

    /** A new quantity for one line item of the order, and the order's total before and after it. */
    record Revision(int lineItem, int quantity, BigDecimal currentTotal, BigDecimal newTotal) {
    }

    private static final Comparator<ScheduledEvent> ORDER = Comparator.comparingLong(ScheduledEvent::time)
            .thenComparingLong(e -> e.order().orderId())
            .thenComparing(ScheduledEvent::kind);

    ScheduledEvent(long time, EventKind kind, OrderPlan order) {
        this(time, kind, order, null);
    }

    long orderId() {
        return order.orderId();
    }

    @Override
    public int compareTo(ScheduledEvent other) {
        return ORDER.compare(this, other);
    }
}
