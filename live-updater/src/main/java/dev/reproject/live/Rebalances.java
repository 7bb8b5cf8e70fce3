package dev.reproject.live;

import dev.reproject.core.watermark.Watermark;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a member of the rebuild's consumer group does when its share of the partitions changes (Kafka calls it
 * from {@code poll}, on the run's thread, between two batches): a partition it gets starts at the group's
 * committed offset, else at handoff + 1, checked against what Kafka retains ({@link StartPositions}); a partition
 * it gives up has the polls in flight finished and its pending offsets committed first; a partition it lost is
 * forgotten, once the writes in flight have ended.
 */
final class Rebalances implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(Rebalances.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Watermark handoff;
    private final Commits commits;
    private final LiveMetrics metrics;
    private StartPositions.StartRefusedException refused;
    private InFlight inFlight = () -> {};

    /** The writes still running when partitions go: finished (written, committed) before they go. */
    @FunctionalInterface
    interface InFlight {
        void finish() throws InterruptedException;
    }

    Rebalances(Consumer<byte[], byte[]> consumer, Watermark handoff, Commits commits, LiveMetrics metrics) {
        this.consumer = consumer;
        this.handoff = handoff;
        this.commits = commits;
        this.metrics = metrics;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        metrics.rebalanced();
        try {
            Map<TopicPartition, Long> starts = StartPositions.resolve(consumer, partitions, handoff);
            starts.forEach(consumer::seek);
            log.info("assigned {}, starting at {}; this member now has {}", sorted(partitions), starts,
                    sorted(consumer.assignment()));
        } catch (StartPositions.StartRefusedException e) {
            refused = e; // Kafka wraps what a listener throws: the run throws this one
            throw e;
        }
    }

    /** What to finish before partitions are given up or lost. */
    void beforeGivingUp(InFlight writes) {
        this.inFlight = writes;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        metrics.rebalanced();
        finishInFlight();
        commits.commitRevoked(partitions);
        log.info("revoked {} (committed up to what was written)", sorted(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        metrics.rebalanced();
        finishInFlight(); // their commits are refused: another member has them
        commits.dropLost(partitions);
        log.warn("lost {}: another member has them now (this one was cut off or too slow)", sorted(partitions));
    }

    private void finishInFlight() {
        try {
            inFlight.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    /** The refusal a listener call threw, which Kafka's {@code poll} hands back wrapped. */
    Optional<StartPositions.StartRefusedException> refused() {
        return Optional.ofNullable(refused);
    }

    private static Collection<TopicPartition> sorted(Collection<TopicPartition> partitions) {
        TreeSet<TopicPartition> sorted = new TreeSet<>(Partitions.ORDER);
        sorted.addAll(partitions);
        return sorted;
    }
}
