package dev.reproject.live;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The offsets of batches written but not committed yet, and committing them. A batch's offsets are committed as
 * soon as its writes and dead letters succeeded. In a consumer group a commit can be refused:
 * <ul>
 * <li>while a rebalance is in progress: the offsets are kept and committed with the next batch's, or when their
 * partitions are revoked (before another member gets them);
 * <li>after this member lost its partitions (it was too slow, or cut off): another member already has them and
 * starts at the last commit, so it writes those records again — as duplicates, which the table's markers turn
 * away. The offsets are dropped.
 * </ul>
 * A consumer with partitions assigned by hand has no group generation: a failed commit fails the run.
 */
final class Commits {

    private static final Logger log = LoggerFactory.getLogger(Commits.class);

    private final Consumer<byte[], byte[]> consumer;
    private final boolean inGroup;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    Commits(Consumer<byte[], byte[]> consumer, boolean inGroup) {
        this.consumer = consumer;
        this.inGroup = inGroup;
    }

    /** Adds a batch's next offsets and commits everything pending. */
    void commit(Map<TopicPartition, OffsetAndMetadata> next) {
        pending.putAll(next);
        commitPending(pending.keySet());
    }

    /** Commits what is pending of {@code partitions}: they are about to go to another member. */
    void commitRevoked(Collection<TopicPartition> partitions) {
        commitPending(partitions);
        pending.keySet().removeAll(partitions); // refused: whoever gets them writes those records again
    }

    /** Forgets what is pending of partitions another member has already. */
    void dropLost(Collection<TopicPartition> partitions) {
        pending.keySet().removeAll(partitions);
    }

    private void commitPending(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = pending.get(tp);
            if (offset != null) {
                offsets.put(tp, offset);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            pending.keySet().removeAll(offsets.keySet());
        } catch (RebalanceInProgressException e) {
            if (!inGroup) {
                throw e;
            }
            log.info("a rebalance is in progress: offsets {} are committed after it", offsets);
        } catch (CommitFailedException e) {
            if (!inGroup) {
                throw e;
            }
            pending.keySet().removeAll(offsets.keySet());
            log.warn("this member lost partitions {} before committing up to {}: the member that has them now "
                    + "writes those records again, as duplicates ({})", offsets.keySet(), offsets, e.getMessage());
        }
    }
}
