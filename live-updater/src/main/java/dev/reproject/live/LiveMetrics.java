package dev.reproject.live;

import dev.reproject.core.reject.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What one live process does, as Micrometer meters (README "Metrics"): records, applied, duplicates, skipped and
 * dead letters by reason as counters equal to the run's {@link LiveCounts}; lag per assigned partition; records/s
 * over the last report interval; write latency; writes by kind (single, combined), combined fallbacks and corrections; write retries by cause; partitions assigned and rebalances. The
 * lag is also kept for {@code /health}. Written by the run's thread, read by the scrape's.
 */
public final class LiveMetrics {

    private final MeterRegistry registry;
    private final Counter records;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter skipped;
    private final Map<RejectReason, Counter> deadLetters = new EnumMap<>(RejectReason.class);
    private final Timer writes;
    private final Counter rebalances;
    private final AtomicReference<Supplier<BatchApplier.Writes>> writeCounts = new AtomicReference<>(
            () -> new BatchApplier.Writes(0, 0, 0, 0, 0));
    private final AtomicLong assigned = new AtomicLong();
    private final AtomicReference<Double> recordsPerSecond = new AtomicReference<>(0.0);
    private final MultiGauge lagGauge;
    private final AtomicReference<Map<TopicPartition, Long>> lag = new AtomicReference<>(Map.of());

    public LiveMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        records = Counter.builder("reproject.live.records").description("Records consumed and committed")
                .register(registry);
        applied = Counter.builder("reproject.live.applied").description("Updates written to the table")
                .register(registry);
        duplicates = Counter.builder("reproject.live.duplicates")
                .description("Updates the table had already (their marker condition failed)").register(registry);
        skipped = Counter.builder("reproject.live.skipped").description("Events of types the view does not handle")
                .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            deadLetters.put(reason, Counter.builder("reproject.live.dead.letters").tag("reason", reason.code())
                    .description("Records sent to the dead-letter topic, by reason").register(registry));
        }
        writes = Timer.builder("reproject.live.write")
                .description("UpdateItem calls of one write (one update or several combined), retries included")
                .publishPercentileHistogram().register(registry);
        FunctionCounter.builder("reproject.live.writes", writeCounts, w -> w.get().get().single()).tag("kind", "single")
                .description("Conditional writes of one update each, by kind").register(registry);
        FunctionCounter.builder("reproject.live.writes", writeCounts, w -> w.get().get().combined())
                .tag("kind", "combined").description("Conditional writes, by kind").register(registry);
        FunctionCounter.builder("reproject.live.combined.updates", writeCounts, w -> w.get().get().combinedEvents())
                .description("Updates applied by combined writes (one write for several updates of one key)")
                .register(registry);
        FunctionCounter.builder("reproject.live.combined.fallbacks", writeCounts, w -> w.get().get().fallbacks())
                .description("Combined writes refused or found duplicate, whose updates were then written one by one")
                .register(registry);
        FunctionCounter.builder("reproject.live.combined.corrections", writeCounts, w -> w.get().get().corrections())
                .description("Combined writes that applied where one by one would have refused an update (the item "
                        + "too large after it), after which the item was written as one by one leaves it")
                .register(registry);
        rebalances = Counter.builder("reproject.live.rebalances")
                .description("Consumer-group rebalances that assigned or revoked partitions").register(registry);
        Gauge.builder("reproject.live.assigned.partitions", assigned, AtomicLong::get)
                .description("Partitions this process consumes").register(registry);
        Gauge.builder("reproject.live.records.per.second", recordsPerSecond, AtomicReference::get)
                .description("Records per second over the last report interval").register(registry);
        lagGauge = MultiGauge.builder("reproject.live.lag")
                .description("Records behind the end of each partition this process consumes").register(registry);
    }

    /** Meters nobody scrapes: a run without {@code --metrics-port}, and unit tests that read them. */
    public static LiveMetrics unpublished() {
        return new LiveMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void batch(long moreRecords, long moreApplied, long moreDuplicates, long moreSkipped,
               Map<RejectReason, Long> moreDead) {
        records.increment(moreRecords);
        applied.increment(moreApplied);
        duplicates.increment(moreDuplicates);
        skipped.increment(moreSkipped);
        moreDead.forEach((reason, n) -> deadLetters.get(reason).increment(n));
    }

    /**
     * The lag of each partition this process has now (the others are no longer shown). Called after every poll:
     * the gauges are registered again only when the partitions change, and read the latest map when scraped.
     */
    void lag(Map<TopicPartition, Long> byPartition) {
        Map<TopicPartition, Long> now = new TreeMap<>(Partitions.ORDER);
        now.putAll(byPartition);
        Map<TopicPartition, Long> before = lag.getAndSet(now);
        assigned.set(now.size());
        if (before.keySet().equals(now.keySet()) && !before.isEmpty()) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (TopicPartition tp : now.keySet()) {
            rows.add(MultiGauge.Row.of(Tags.of("topic", tp.topic(), "partition", Integer.toString(tp.partition())),
                    lag, current -> current.get().getOrDefault(tp, 0L)));
        }
        lagGauge.register(rows, true);
    }

    /** Where the run's writes are counted: read when scraped. */
    void writes(Supplier<BatchApplier.Writes> writes) {
        writeCounts.set(writes);
    }

    void rebalanced() {
        rebalances.increment();
    }

    void recordsPerSecond(double rate) {
        recordsPerSecond.set(rate);
    }

    /** Times each update's write; the meter counts calls as well. */
    ItemUpdater timed(ItemUpdater updater) {
        return update -> {
            long start = System.nanoTime();
            try {
                return updater.apply(update);
            } finally {
                writes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    /**
     * Write retries by cause ({@code throttling}, {@code server-error}, {@code unavailable}), read when scraped;
     * a later run's counts replace an earlier one's.
     */
    void retries(String cause, LongSupplier count) {
        FunctionCounter earlier = registry.find("reproject.live.write.retries").tag("cause", cause).functionCounter();
        if (earlier != null) {
            registry.remove(earlier);
        }
        FunctionCounter.builder("reproject.live.write.retries", count, LongSupplier::getAsLong).tag("cause", cause)
                .description("Writes tried again, by cause").register(registry);
    }

    /** The largest lag of the partitions this process has; empty before it has any. */
    public OptionalLong maxLag() {
        return lag.get().values().stream().mapToLong(Long::longValue).max();
    }

    /** The lag of each partition this process has. */
    public Map<TopicPartition, Long> lagByPartition() {
        return lag.get();
    }
}
