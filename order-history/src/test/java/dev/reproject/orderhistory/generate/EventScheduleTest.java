package dev.reproject.orderhistory.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventScheduleTest {

    private static final long SEED = 42;
    private static final int CONSUMERS = 1_000;

    @Test
    void eventsComeInTimeOrderWithinTheWindow() {
        EventSchedule schedule = new EventSchedule(SEED, CONSUMERS, 0, 5_000, OrderPlan.START_MILLIS);
        List<ScheduledEvent> events = drain(schedule);

        assertThat(events).isSorted();
        assertThat(events).allSatisfy(e -> assertThat(e.time()).isGreaterThan(OrderPlan.START_MILLIS)
                .isLessThanOrEqualTo(schedule.windowEnd()));
        assertThat(events.get(events.size() - 1).time()).isEqualTo(schedule.windowEnd());
        assertThat(events).filteredOn(e -> e.kind() == EventKind.CREATED).hasSize(5_000);
    }

    @Test
    void consecutiveWindowsSplitOneWindowExactly() {
        List<ScheduledEvent> whole = drain(new EventSchedule(SEED, CONSUMERS, 0, 6_000, OrderPlan.START_MILLIS));

        EventSchedule first = new EventSchedule(SEED, CONSUMERS, 0, 2_000, OrderPlan.START_MILLIS);
        List<ScheduledEvent> parts = new ArrayList<>(drain(first));
        EventSchedule second = new EventSchedule(SEED, CONSUMERS, 2_000, 1_000, first.windowEnd());
        parts.addAll(drain(second));
        parts.addAll(drain(new EventSchedule(SEED, CONSUMERS, 3_000, 3_000, second.windowEnd())));

        assertThat(parts.stream().map(EventScheduleTest::key).toList())
                .containsExactlyElementsOf(whole.stream().map(EventScheduleTest::key).toList());
    }

    @Test
    void aRunWithoutNewOrdersHasAnEmptyWindow() {
        EventSchedule first = new EventSchedule(SEED, CONSUMERS, 0, 100, OrderPlan.START_MILLIS);
        drain(first);
        EventSchedule none = new EventSchedule(SEED, CONSUMERS, 100, 0, first.windowEnd());
        assertThat(none.next()).isNull();
        assertThat(none.windowEnd()).isEqualTo(first.windowEnd());
    }

    @Test
    void plansHaveRealisticFates() {
        Map<OrderPlan.Fate, Long> fates = new EnumMap<>(OrderPlan.Fate.class);
        long cancelled = 0;
        long time = OrderPlan.START_MILLIS;
        for (long id = 1; id <= 20_000; id++) {
            time += OrderPlan.gapBefore(SEED, id);
            OrderPlan plan = OrderPlan.of(SEED, CONSUMERS, id, time);
            fates.merge(plan.fate(), 1L, Long::sum);
            if (plan.cancelledAtOrNever() != Long.MAX_VALUE) {
                cancelled++;
                assertThat(plan.cancelledAtOrNever() - plan.createdAt()).isLessThanOrEqualTo(OrderPlan.MAX_SPAN_MILLIS);
            }
        }
        assertThat(fates.get(OrderPlan.Fate.AUTHORIZED) / 20_000.0).isBetween(0.78, 0.82);
        assertThat(fates.get(OrderPlan.Fate.REJECTED) / 20_000.0).isBetween(0.14, 0.16);
        assertThat(fates.get(OrderPlan.Fate.PENDING) / 20_000.0).isBetween(0.04, 0.06);
        assertThat((double) cancelled / fates.get(OrderPlan.Fate.AUTHORIZED)).isBetween(0.09, 0.11);
        // about one order a second
        assertThat((time - OrderPlan.START_MILLIS) / 20_000.0).isBetween(950.0, 1_050.0);
    }

    @Test
    void consumersComeFromThePoolAndSomeOrderOften() {
        Map<Long, Long> perConsumer = new HashMap<>();
        for (long id = 1; id <= 10_000; id++) {
            perConsumer.merge(OrderPlan.of(SEED, 50, id, 0).consumerId(), 1L, Long::sum);
        }
        assertThat(perConsumer.keySet()).allMatch(c -> (c - OrderPlan.FIRST_CONSUMER_ID) % 7_919 == 0
                && (c - OrderPlan.FIRST_CONSUMER_ID) / 7_919 < 50);
        assertThat(perConsumer).hasSizeGreaterThan(40);
    }

    private static List<ScheduledEvent> drain(EventSchedule schedule) {
        List<ScheduledEvent> events = new ArrayList<>();
        for (ScheduledEvent e = schedule.next(); e != null; e = schedule.next()) {
            events.add(e);
        }
        return events;
    }

    private static String key(ScheduledEvent e) {
        return e.time() + "/" + e.orderId() + "/" + e.kind();
    }
}
