package dev.reproject.archiver.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka clients of the archiver, from a base configuration (at least {@code bootstrap.servers}; security
 * settings and the like go there too). The settings the archiver's guarantees rest on override the base.
 */
public final class KafkaClients {

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
     * A consumer for manual assignment: no group, no commits, never auto-creating a topic, reading only committed
     * transactions (aborted records and markers leave offset holes the archive writer handles).
     */
    public Consumer<byte[], byte[]> consumer(String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"); // every partition is sought explicitly
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent producer with {@code acks=all}: no record twice, none reordered within a partition. */
    public Producer<byte[], byte[]> producer(String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Object inFlight = config.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight == null || Integer.parseInt(inFlight.toString().trim()) > 5) {
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // idempotence keeps order up to 5
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public Admin admin(String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return Admin.create(config);
    }

    @Override
    public String toString() {
        // the base may hold SASL passwords: show the servers only
        return "KafkaClients[" + base.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + "]";
    }
}
