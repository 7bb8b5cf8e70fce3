package dev.reproject.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    /**
     * Kafka's default {@code max.message.bytes} (the broker's {@code message.max.bytes}): 1 MiB plus the 12 bytes of
     * a batch's log overhead.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
    private static final String BROKER_MAX_MESSAGE_BYTES = "message.max.bytes";

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

    /**
     * The largest record batch each of {@code topics} (which exist) accepts: its {@code max.message.bytes} as the
     * brokers report it, the topic's own or the cluster's default. When topic configurations cannot be read (no
     * DescribeConfigs permission, say), every topic gets the broker's {@code message.max.bytes}, else Kafka's
     * default ({@link #DEFAULT_MAX_MESSAGE_BYTES}).
     */
    public Map<String, Integer> maxMessageBytes(Collection<String> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).distinct().toList();
        Map<String, Integer> limits = new HashMap<>();
        try {
            await(admin.describeConfigs(resources).all()).forEach((resource, config) -> limits.put(resource.name(),
                    intValue(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG).orElse(DEFAULT_MAX_MESSAGE_BYTES)));
        } catch (ApiException e) {
            int fallback = brokerMaxMessageBytes();
            log.warn("cannot read max.message.bytes of {} ({}): taking {} bytes", topics, e.getMessage(), fallback);
            resources.forEach(resource -> limits.put(resource.name(), fallback));
        }
        return limits;
    }

    private int brokerMaxMessageBytes() {
        try {
            Node broker = await(admin.describeCluster().nodes()).iterator().next();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker.idString());
            return intValue(await(admin.describeConfigs(List.of(resource)).all()).get(resource),
                    BROKER_MAX_MESSAGE_BYTES).orElse(DEFAULT_MAX_MESSAGE_BYTES);
        } catch (ApiException e) {
            return DEFAULT_MAX_MESSAGE_BYTES;
        }
    }

    private static Optional<Integer> intValue(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null || entry.value() == null ? Optional.empty()
                : Optional.of(Integer.parseInt(entry.value().trim()));
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
