package dev.reproject.live;

import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.catalog.RetiredException;
import dev.reproject.core.event.SourcePartition;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Positions, lag per partition and events/s: logged and written to the catalog at a steady interval, and at
 * once the first time every partition's lag is zero (the entry then becomes LIVE). Positions are the consumer
 * group's, for every partition of the view's topics: every member of the group reports the same, whole picture.
 */
final class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final long MIN_EARLY_REPORT_NANOS = 1_000_000_000L;

    private final Consumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final RebuildCatalog catalog;
    private final Duration interval;
    private final LongSupplier nanos;
    private final LiveMetrics metrics;
    private RebuildEntry entry;
    private long lastReportNanos;
    private long recordsAtLastReport;
    private Map<SourcePartition, LivePosition> lastPositions = Map.of();

    ProgressReporter(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions, RebuildCatalog catalog,
                     RebuildEntry entry, Duration interval, LongSupplier nanos, LiveMetrics metrics) {
        this.consumer = consumer;
        this.partitions = List.copyOf(partitions);
        this.catalog = catalog;
        this.entry = entry;
        this.interval = interval;
        this.nanos = nanos;
        this.metrics = metrics;
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
        Map<SourcePartition, LivePosition> positions = positions();
        double seconds = Math.max(1e-3, (now - lastReportNanos) / 1e9);
        long lag = positions.values().stream().mapToLong(LivePosition::lag).sum();
        double rate = (counts.records() - recordsAtLastReport) / seconds;
        metrics.recordsPerSecond(rate);
        log.info("live {}: {} records ({}/s), {} applied, {} duplicates, {} skipped, {} dead letters; lag {} [{}]",
                entry.id(), counts.records(), Math.round(rate),
                counts.applied(), counts.duplicates(), counts.skipped(), counts.totalDeadLettered(), lag,
                positions.entrySet().stream().map(e -> e.getKey() + " at " + e.getValue().offset() + " lag "
                        + e.getValue().lag()).collect(Collectors.joining(", ")));
        try {
            entry = catalog.updateLive(entry.id(), positions);
        } catch (RetiredException e) { // 'reproject retire' waits for the run to leave the group, then deletes
            log.info("live {} stops: {}", entry.id(), e.getMessage());
            entry = e.entry();
        } catch (IllegalStateException e) { // the entry is gone or LOADING: another run reset it
            throw new IllegalStateException("live " + entry.id() + " stops: its catalog entry was reset or removed "
                    + "since it started (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) { // the catalog is unreachable: writing the table goes on while the lease holds
            log.warn("could not write positions to the catalog: {}", e.toString());
        }
        lastPositions = positions;
        lastReportNanos = now;
        recordsAtLastReport = counts.records();
    }

    /**
     * The first report, before anything is written: it makes the entry show live activity, so that no rebuild
     * loads the table again (CONTRACT.md §6.10).
     *
     * @throws IllegalStateException when the entry is not LOADED or LIVE, or the catalog cannot be written
     */
    void register(LiveCounts counts) {
        Map<SourcePartition, LivePosition> positions = positions();
        entry = catalog.updateLive(entry.id(), positions);
        lastPositions = positions;
        lastReportNanos = nanos.getAsLong();
        recordsAtLastReport = counts.records();
    }

    /** The last report of a run that failed: a failure to write it is logged, never thrown over the first. */
    void reportAfterFailure(LiveCounts counts) {
        if (retired()) {
            return;
        }
        try {
            report(counts);
        } catch (RuntimeException e) {
            log.warn("could not write the final positions to the catalog: {}", e.getMessage());
        }
    }

    RebuildEntry entry() {
        return entry;
    }

    /** Whether a report found the entry RETIRED: the run is to stop, and report no more. */
    boolean retired() {
        return entry.status() == RebuildStatus.RETIRED;
    }

    Map<SourcePartition, LivePosition> lastPositions() {
        return lastPositions;
    }

    /**
     * Each partition's committed offset in the group (everything below it is in the table; before the first
     * commit, handoff + 1, where the group starts) and lag: reads the committed and end offsets from Kafka. Not the
     * consumer's position, which after a failed batch is past records never written.
     */
    private Map<SourcePartition, LivePosition> positions() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<SourcePartition, LivePosition> positions = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata commit = committed.get(tp);
            long position = Partitions.groupPosition(commit, entry.handoff(), tp);
            positions.put(Partitions.toCore(tp), new LivePosition(position, Math.max(0, ends.get(tp) - position)));
        }
        return positions;
    }

    /**
     * From the last fetch responses, without a request: true only when this process has partitions and every one's
     * lag is known and 0.
     */
    private boolean fetchedLagIsZero() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : assigned) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }
}
