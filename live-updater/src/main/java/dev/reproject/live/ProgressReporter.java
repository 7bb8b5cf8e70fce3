package dev.reproject.live;

import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.event.SourcePartition;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Positions, lag per partition and events/s: logged and written to the catalog at a steady interval, and at
 * once the first time every partition's lag is zero (the entry then becomes LIVE).
 */
final class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final long MIN_EARLY_REPORT_NANOS = 1_000_000_000L;

    private final Consumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final RebuildCatalog catalog;
    private final Duration interval;
    private final LongSupplier nanos;
    private RebuildEntry entry;
    private long lastReportNanos;
    private long recordsAtLastReport;
    private Map<SourcePartition, LivePosition> lastPositions = Map.of();

    ProgressReporter(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions, RebuildCatalog catalog,
                     RebuildEntry entry, Duration interval, LongSupplier nanos) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.catalog = catalog;
        this.entry = entry;
        this.interval = interval;
        this.nanos = nanos;
        this.lastReportNanos = nanos.getAsLong();
    }

    /**
     * Reports when the interval has passed, or when lag is zero for the first time (at most once a second, should
     * the catalog refuse the write).
     */
    void maybeReport(LiveCounts counts) {
        long sinceLast = nanos.getAsLong() - lastReportNanos;
        boolean due = sinceLast >= interval.toNanos();
        boolean firstCaughtUp = entry.status() != RebuildStatus.LIVE && sinceLast >= MIN_EARLY_REPORT_NANOS
                && fetchedLagIsZero();
        if (due || firstCaughtUp) {
            report(counts);
        }
    }

    /** Reports now: reads end offsets from Kafka. */
    void report(LiveCounts counts) {
        long now = nanos.getAsLong();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<SourcePartition, LivePosition> positions = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            long position = consumer.position(tp);
            positions.put(Partitions.toCore(tp), new LivePosition(position, Math.max(0, ends.get(tp) - position)));
        }
        double seconds = Math.max(1e-3, (now - lastReportNanos) / 1e9);
        long lag = positions.values().stream().mapToLong(LivePosition::lag).sum();
        log.info("live {}: {} records ({}/s), {} applied, {} duplicates, {} skipped, {} dead letters; lag {} [{}]",
                entry.id(), counts.records(), Math.round((counts.records() - recordsAtLastReport) / seconds),
                counts.applied(), counts.duplicates(), counts.skipped(), counts.totalDeadLettered(), lag,
                positions.entrySet().stream().map(e -> e.getKey() + " at " + e.getValue().offset() + " lag "
                        + e.getValue().lag()).collect(Collectors.joining(", ")));
        try {
            entry = catalog.updateLive(entry.id(), positions);
        } catch (RuntimeException e) { // the catalog is for people; writing the table goes on
            log.warn("could not write positions to the catalog: {}", e.toString());
        }
        lastPositions = positions;
        lastReportNanos = now;
        recordsAtLastReport = counts.records();
    }

    RebuildEntry entry() {
        return entry;
    }

    Map<SourcePartition, LivePosition> lastPositions() {
        return lastPositions;
    }

    /** From the last fetch responses, without a request: true only when every partition's lag is known and 0. */
    private boolean fetchedLagIsZero() {
        for (TopicPartition tp : partitions) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }
}
