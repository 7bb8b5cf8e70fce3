package dev.reproject.orderhistory.generate;

import java.util.PriorityQueue;

/**
 * The events of one run in time order: every event, of an older or a new order, whose time falls in the
 * run's window (end of the previous run, creation of this run's last order]. Timelines are made lazily:
 * an order's plan is drawn when the stream reaches its creation, and only transitions not yet due wait in
 * a queue, so memory is bounded by the orders of the last {@link OrderPlan#MAX_SPAN_MILLIS}.
 */
final class EventSchedule {

    private final long seed;
    private final int consumers;
    private final long lastOrderId;
    private final long windowEnd;
    private final PriorityQueue<ScheduledEvent> pending = new PriorityQueue<>();
    private long nextOrderId;
    private long nextCreatedAt;
    private long lastTime;

    /**
     * @param ordersBefore      orders created by earlier runs (ids 1..ordersBefore)
     * @param newOrders         orders this run creates
     * @param previousWindowEnd creation time of order {@code ordersBefore} (the start instant when none)
     */
    EventSchedule(long seed, int consumers, long ordersBefore, long newOrders, long previousWindowEnd) {
        this.seed = seed;
        this.consumers = consumers;
        this.lastOrderId = ordersBefore + newOrders;
        this.lastTime = previousWindowEnd;
        replayLateTransitions(ordersBefore, previousWindowEnd);
        long end = previousWindowEnd;
        for (long id = ordersBefore + 1; id <= lastOrderId; id++) {
            end += OrderPlan.gapBefore(seed, id);
        }
        this.windowEnd = end;
        this.nextOrderId = ordersBefore + 1;
        this.nextCreatedAt = previousWindowEnd + (newOrders > 0 ? OrderPlan.gapBefore(seed, nextOrderId) : 0);
    }

    /** The creation time of this run's last order: the end of its window (inclusive). */
    long windowEnd() {
        return windowEnd;
    }

    /** The next event, or null when the window is done. */
    ScheduledEvent next() {
        while (nextOrderId <= lastOrderId && (pending.isEmpty() || pending.peek().time() > nextCreatedAt)) {
            // older orders' events at the same millisecond sort first (smaller id): they stay ahead
            pending.addAll(OrderPlan.of(seed, consumers, nextOrderId, nextCreatedAt).events());
            nextOrderId++;
            if (nextOrderId <= lastOrderId) {
                nextCreatedAt += OrderPlan.gapBefore(seed, nextOrderId);
            }
        }
        ScheduledEvent head = pending.peek();
        if (head == null || head.time() > windowEnd) {
            return null; // what is left is due after the window: a later run replays it
        }
        lastTime = head.time();
        return pending.poll();
    }

    /**
     * Adds an event that is not part of an order's plan (a revision), when it falls after the last event
     * returned and inside this window; events beyond the window are dropped, not carried to later runs.
     */
    boolean addIfInWindow(ScheduledEvent event) {
        if (event.time() <= lastTime || event.time() > windowEnd) {
            return false;
        }
        pending.add(event);
        return true;
    }

    /**
     * Walks back from the last older order (created at the previous window end), re-drawing the plans of
     * the orders that may still have transitions after it: creation(i - 1) = creation(i) - gap(i).
     */
    private void replayLateTransitions(long ordersBefore, long previousWindowEnd) {
        long createdAt = previousWindowEnd;
        for (long id = ordersBefore; id >= 1 && createdAt + OrderPlan.MAX_SPAN_MILLIS > previousWindowEnd; id--) {
            for (ScheduledEvent event : OrderPlan.of(seed, consumers, id, createdAt).events()) {
                if (event.time() > previousWindowEnd) {
                    pending.add(event);
                }
            }
            createdAt -= OrderPlan.gapBefore(seed, id);
        }
    }
}
