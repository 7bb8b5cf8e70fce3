package dev.reproject.orderhistory.generate;

import dev.reproject.orderhistory.generate.Menu.Dish;
import dev.reproject.orderhistory.generate.Menu.Restaurant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One order's whole life, drawn from its own random generator (see {@link Seeds#forOrder}): the gap since
 * the previous order, what was ordered, and its fate (authorized ≈ 80 %, of which ≈ 10 % later cancelled;
 * rejected ≈ 15 %; pending ≈ 5 %). Floating-point draws go through {@link StrictMath}, so every JVM
 * produces the same archive.
 */
final class OrderPlan {

    /** The creation time before the first order: a fixed instant, never the clock. */
    static final long START_MILLIS = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    static final long MEAN_GAP_MILLIS = 1_000;
    static final long MIN_DECISION_DELAY_MILLIS = 800;
    static final long MAX_DECISION_DELAY_MILLIS = 15_000;
    static final long MIN_CANCEL_DELAY_MILLIS = 2 * 60_000;
    static final long MAX_CANCEL_DELAY_MILLIS = 6 * 3_600_000;
    /** No event of an order comes later than this after its creation. */
    static final long MAX_SPAN_MILLIS = MAX_DECISION_DELAY_MILLIS + MAX_CANCEL_DELAY_MILLIS;
    static final long FIRST_CONSUMER_ID = 1_511_300_065_921L;

    enum Fate { AUTHORIZED, REJECTED, PENDING }

    record LineItem(Dish dish, int quantity) {
        BigDecimal total() {
            return dish.price().multiply(BigDecimal.valueOf(quantity));
        }
    }

    private static final int[] ITEM_COUNT_WEIGHTS = {30, 30, 20, 12, 8};   // 1..5 line items
    private static final int[] QUANTITY_WEIGHTS = {50, 28, 12, 6, 4};      // quantity 1..5

    private final long orderId;
    private final long createdAt;
    private final long consumerId;
    private final Restaurant restaurant;
    private final List<LineItem> lineItems;
    private final Fate fate;
    private final long decidedAt;
    private final long cancelledAt; // 0: never

    private OrderPlan(long orderId, long createdAt, SplittableRandom rng, int consumers) {
        this.orderId = orderId;
        this.createdAt = createdAt;
        int consumer = (int) Math.min(consumers - 1, (long) (consumers * square(rng.nextDouble())));
        this.consumerId = consumerId(consumer);
        this.restaurant = Menu.RESTAURANTS.get(rng.nextInt(Menu.RESTAURANTS.size()));
        this.lineItems = drawLineItems(rng, restaurant);
        double fateDraw = rng.nextDouble();
        this.fate = fateDraw < 0.80 ? Fate.AUTHORIZED : fateDraw < 0.95 ? Fate.REJECTED : Fate.PENDING;
        this.decidedAt = createdAt + rng.nextLong(MIN_DECISION_DELAY_MILLIS, MAX_DECISION_DELAY_MILLIS + 1);
        boolean cancelled = fate == Fate.AUTHORIZED && rng.nextDouble() < 0.10;
        this.cancelledAt = cancelled ? decidedAt + logUniform(rng, MIN_CANCEL_DELAY_MILLIS, MAX_CANCEL_DELAY_MILLIS)
                : 0;
    }

    /** The order {@code orderId} (1, 2, …), created at {@code createdAt}. */
    static OrderPlan of(long seed, int consumers, long orderId, long createdAt) {
        SplittableRandom rng = Seeds.forOrder(seed, orderId);
        gap(rng); // the first draw is the gap; the timeline follows it
        return new OrderPlan(orderId, createdAt, rng, consumers);
    }

    /** Milliseconds between the creation of order {@code orderId - 1} (or the start) and of this one: ≥ 1. */
    static long gapBefore(long seed, long orderId) {
        return gap(Seeds.forOrder(seed, orderId));
    }

    static long consumerId(int index) {
        return FIRST_CONSUMER_ID + 7_919L * index;
    }

    /** Its events in time order: creation, then the decision and a cancellation where its fate has them. */
    List<ScheduledEvent> events() {
        List<ScheduledEvent> events = new ArrayList<>(3);
        events.add(new ScheduledEvent(createdAt, EventKind.CREATED, this));
        if (fate == Fate.AUTHORIZED) {
            events.add(new ScheduledEvent(decidedAt, EventKind.AUTHORIZED, this));
        } else if (fate == Fate.REJECTED) {
            events.add(new ScheduledEvent(decidedAt, EventKind.REJECTED, this));
        }
        if (cancelledAt != 0) {
            events.add(new ScheduledEvent(cancelledAt, EventKind.CANCELLED, this));
        }
        return events;
    }

    long orderId() {
        return orderId;
    }

    long createdAt() {
        return createdAt;
    }

    long consumerId() {
        return consumerId;
    }

    Restaurant restaurant() {
        return restaurant;
    }

    List<LineItem> lineItems() {
        return lineItems;
    }

    Fate fate() {
        return fate;
    }

    /** When it gets cancelled, or {@code Long.MAX_VALUE} when never. */
    long cancelledAtOrNever() {
        return cancelledAt == 0 ? Long.MAX_VALUE : cancelledAt;
    }

    BigDecimal orderTotal() {
        return lineItems.stream().map(LineItem::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long gap(SplittableRandom rng) {
        // exponential inter-arrival times: a Poisson stream of orders
        return 1 + (long) (-StrictMath.log(1.0 - rng.nextDouble()) * (MEAN_GAP_MILLIS - 1));
    }

    private static List<LineItem> drawLineItems(SplittableRandom rng, Restaurant restaurant) {
        int count = Math.min(weighted(rng, ITEM_COUNT_WEIGHTS) + 1, restaurant.dishes().size());
        List<Dish> dishes = new ArrayList<>(restaurant.dishes());
        List<LineItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Dish dish = dishes.remove(rng.nextInt(dishes.size()));
            items.add(new LineItem(dish, weighted(rng, QUANTITY_WEIGHTS) + 1));
        }
        return List.copyOf(items);
    }

    private static int weighted(SplittableRandom rng, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int draw = rng.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }

    private static long logUniform(SplittableRandom rng, long min, long max) {
        double exponent = StrictMath.log(min) + rng.nextDouble() * (StrictMath.log(max) - StrictMath.log(min));
        return Math.min(max, (long) StrictMath.exp(exponent));
    }

    private static double square(double x) {
        return x * x;
    }
}
