package dev.reproject.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The topic calls of the archive publisher and the live updater, blocking, with Kafka's exceptions unwrapped. */
public final class KafkaTopics {

    /** How long a topic just created may stay unknown to the broker's metadata. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;
    private final Duration settle;

    public KafkaTopics(Admin admin) {
        this(admin, SETTLE);
    }

    KafkaTopics(Admin admin, Duration settle) {
        this.admin = admin;
        this.settle = settle;
    }

    /** The topic's partition count, or empty when it does not exist. */
    public Optional<Integer> partitionCount(String topic) {
        try {
            TopicDescription description = await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
            return Optional.of(description.partitions().size());
        } catch (UnknownTopicOrPartitionException e) {
            return Optional.empty();
        }
    }

    /**
     * The partition count of a topic that exists: one just created, by this client or another, may be unknown to the
     * broker answering, or shown without its partitions, for a moment after the creation was acknowledged, so both
     * are asked again for up to 15 s.
     *
     * @throws IllegalStateException when the topic is still unknown after that
     */
    public int settledPartitionCount(String topic) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            Optional<Integer> count = partitionCount(topic);
            if (count.filter(n -> n > 0).isPresent() || System.nanoTime() > deadline) {
                return count.orElseThrow(() -> new IllegalStateException("topic '" + topic + "' was created but the"
                        + " broker still does not know it after " + settle.toMillis() + " ms"));
            }
            sleep();
        }
    }

    /** A topic that exists after {@link #ensure}: whether that call created it, and its partition count. */
    public record EnsuredTopic(boolean created, int partitions) {
    }

    /**
     * Creates the topic with {@code partitions} partitions unless it exists, and counts its partitions: a topic
     * that already shows them is described once; one just created is waited for
     * ({@link #settledPartitionCount}).
     */
    public EnsuredTopic ensure(String topic, int partitions, Optional<Short> replicationFactor) {
        Optional<Integer> seen = partitionCount(topic);
        if (seen.filter(n -> n > 0).isPresent()) {
            return new EnsuredTopic(false, seen.get());
        }
        boolean created = seen.isEmpty() && create(topic, partitions, replicationFactor);
        return new EnsuredTopic(created, settledPartitionCount(topic));
    }

    private boolean create(String topic, int partitions, Optional<Short> replicationFactor) {
        try {
            await(admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), replicationFactor))).all());
            return true;
        } catch (TopicExistsException e) {
            return false; // created meanwhile by someone else
        }
    }

    /**
     * Creates those of {@code topics} that do not exist, with one partition each and the cluster's default
     * replication; one created meanwhile by another client counts as existing.
     */
    public void createMissing(Collection<String> topics) {
        Set<String> existing = await(admin.listTopics().names());
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, Optional.of(1), Optional.empty())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            await(admin.createTopics(missing).all());
        } catch (TopicExistsException e) {
            // another updater made it meanwhile
        }
    }

    /** The log end offset (the offset the next record gets) of each partition. */
    public Map<Integer, Long> endOffsets(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            try {
                Map<TopicPartition, ListOffsetsResultInfo> result = await(admin.listOffsets(specs).all());
                Map<Integer, Long> ends = new HashMap<>();
                result.forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
                return ends;
            } catch (RetriableException e) {
                if (System.nanoTime() > deadline) { // a new topic's partitions are known to every broker within moments
                    throw e;
                }
                sleep();
            }
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
