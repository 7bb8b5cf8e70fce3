package dev.reproject.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every Kafka client reproject makes, from one base configuration (at least {@code bootstrap.servers}; TLS, SASL
 * and the like go there too, so a secured cluster needs configuration, not code). Per kind of client, the settings
 * its caller's guarantees rest on override the base; tuning (client ids, batch sizes, linger) only fills in what
 * the base leaves out.
 */
public final class KafkaClients {

    /** The live consumer's session timeout unless the base sets one. */
    static final int LIVE_SESSION_TIMEOUT_MS = 10_000;

    private final Map<String, Object> base;

    public KafkaClients(Map<String, Object> base) {
        Objects.requireNonNull(base, "base");
        Object servers = base.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.toString().isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers given (host:port[,host:port…])");
        }
        this.base = Map.copyOf(base);
    }

    public static KafkaClients of(String bootstrapServers) {
        return new KafkaClients(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                Objects.requireNonNullElse(bootstrapServers, "")));
    }

    /**
     * The archiver's consumer, for manual assignment: no group, no commits, never auto-creating a topic, reading
     * only committed transactions (aborted records and markers leave offset holes the archive writer handles),
     * never resetting an offset on its own: every partition is sought explicitly.
     */
    public Consumer<byte[], byte[]> consumerWithoutGroup(String clientId) {
        return build(() -> new KafkaConsumer<>(consumerWithoutGroupConfig(clientId), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()));
    }

    /**
     * The live updater's consumer, a member of {@code group} (or assigned partitions by hand), committing by hand
     * (client id {@code <group>-live}) and never resetting an offset on its own ({@code auto.offset.reset=none}):
     * its start positions are decided and checked by the caller. Reads only committed transactions. Unless the
     * base says otherwise: cooperative sticky assignment (a rebalance moves only the partitions that must move)
     * and a 10 s session timeout (a member that died without leaving has its partitions moved after 10 s, not
     * Kafka's default 45). With {@code instanceId}, a static member ({@code group.instance.id}).
     */
    public Consumer<byte[], byte[]> liveConsumer(String group, Optional<String> instanceId) {
        return build(() -> new KafkaConsumer<>(liveConsumerConfig(group, instanceId), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()));
    }

    /** The archive publisher's producer: idempotent, {@code acks=all}, batching for throughput. */
    public Producer<byte[], byte[]> idempotentProducer(String clientId) {
        return build(() -> new KafkaProducer<>(idempotentProducerConfig(clientId), new ByteArraySerializer(),
                new ByteArraySerializer()));
    }

    /**
     * The live updater's dead-letter producer (client id {@code <clientId>-dlq}): idempotent, {@code acks=all},
     * so that a letter is acknowledged by every in-sync replica before the batch's offsets are committed; sending
     * letters of up to {@code maxRequestBytes} ({@code max.request.size}: the largest its topics accept, where the
     * default of 1 MiB would refuse letters those topics take).
     */
    public Producer<byte[], byte[]> deadLetterProducer(String clientId, int maxRequestBytes) {
        return build(() -> new KafkaProducer<>(deadLetterProducerConfig(clientId, maxRequestBytes),
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** An admin client with the base configuration alone. */
    public Admin admin() {
        return build(() -> Admin.create(new HashMap<>(base)));
    }

    public Admin admin(String clientId) {
        return build(() -> Admin.create(withClientId(clientId)));
    }

    /**
     * A client, or, when Kafka refuses its configuration (an unknown value, a class not on the class path), an
     * {@link IllegalArgumentException} with Kafka's reason: a usage error, not a failure of the cluster. Kafka's
     * reasons name the setting and, for settings that are not passwords, the value.
     */
    private static <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (KafkaException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ConfigException config) {
                    throw new IllegalArgumentException("invalid Kafka client configuration: " + config.getMessage(),
                            e);
                }
            }
            throw e;
        }
    }

    Map<String, Object> consumerWithoutGroupConfig(String clientId) {
        Map<String, Object> config = withClientId(clientId);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    Map<String, Object> liveConsumerConfig(String group, Optional<String> instanceId) {
        Map<String, Object> config = withClientId(group + "-live");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, LIVE_SESSION_TIMEOUT_MS);
        instanceId.ifPresent(id -> config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    Map<String, Object> idempotentProducerConfig(String clientId) {
        Map<String, Object> config = withClientId(clientId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return idempotent(config);
    }

    Map<String, Object> deadLetterProducerConfig(String clientId, int maxRequestBytes) {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("max.request.size must be positive, was " + maxRequestBytes);
        }
        Map<String, Object> config = withClientId(clientId + "-dlq");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes);
        return idempotent(config);
    }

    /** No record twice, none reordered within a partition, each acknowledged by every in-sync replica. */
    private static Map<String, Object> idempotent(Map<String, Object> config) {
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Object inFlight = config.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight == null || Integer.parseInt(inFlight.toString().trim()) > 5) {
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // idempotence keeps order up to 5
        }
        return config;
    }

    private Map<String, Object> withClientId(String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    @Override
    public String toString() {
        // the base may hold SASL passwords: show the servers only
        return "KafkaClients[" + base.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + "]";
    }
}
