package dev.reproject.benchmarks.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.live.DeadLetters;
import dev.reproject.sandbox.LocalServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import static dev.reproject.benchmarks.reliability.OrderMessages.TOPIC;

/**
 * What {@code live} needs before it runs: the Order topic fresh on the sandbox's broker, and a LOADED rebuild whose
 * handoff is a prefix of it, made by the real {@code snapshot} and {@code rebuild} commands from an archive of that
 * prefix (written here as Kafka Connect would have, one file per partition).
 */
public final class LiveSetup implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalServers servers;
    private final Admin admin;

    public LiveSetup(LocalServers servers) {
        this.servers = servers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()));
    }

    /** Deletes the Order topic and its dead-letter topic, then creates the topic with {@code configs}. */
    public void freshTopic(int partitions, Map<String, String> configs) throws Exception {
        List<String> ours = List.of(TOPIC, TOPIC + DeadLetters.SUFFIX);
        List<String> existing = admin.listTopics().names().get().stream().filter(ours::contains).toList();
        if (!existing.isEmpty()) {
            admin.deleteTopics(existing).all().get();
            while (admin.listTopics().names().get().stream().anyMatch(ours::contains)) {
                Thread.sleep(100);
            }
        }
        for (int attempt = 1;; attempt++) {
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1).configs(configs))).all().get();
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) || attempt == 100) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        // the new topic's partitions may be unknown to the broker a moment after the creation was acknowledged
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (endOffsets().size() == partitions) {
                    return;
                }
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(TOPIC + " does not show " + partitions + " partitions 60 s after"
                        + " it was created");
            }
            Thread.sleep(100);
        }
    }

    /** A producer that waits for every acknowledgement and takes records up to {@code maxBytes}. */
    public KafkaProducer<byte[], byte[]> producer(int maxBytes) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxBytes, ProducerConfig.BUFFER_MEMORY_CONFIG,
                Math.max(64L << 20, 2L * maxBytes)), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Per partition of the Order topic, the offset the next record gets. */
    public Map<Integer, Long> endOffsets() throws Exception {
        return endOffsets(TOPIC);
    }

    public Map<Integer, Long> endOffsets(String topic) throws Exception {
        Map<Integer, Long> ends = new TreeMap<>();
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        return ends;
    }

    /** The group's committed offsets on the Order topic, per partition (absent: none yet). */
    public Map<Integer, Long> committed(String group) throws Exception {
        Map<Integer, Long> committed = new TreeMap<>();
        Map<TopicPartition, OffsetAndMetadata> marks = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        marks.forEach((tp, mark) -> {
            if (tp.topic().equals(TOPIC) && mark != null) {
                committed.put(tp.partition(), mark.offset());
            }
        });
        return committed;
    }

    /**
     * Writes {@code prefix} (per partition, the lines from offset 0 on) as an archive under {@code dir}, then runs
     * {@code snapshot} and {@code rebuild} into {@code table}; returns the rebuild's summary (id, handoff).
     */
    public JsonNode rebuild(Path dir, Map<Integer, List<String>> prefix, String table, String catalog, String heap)
            throws IOException {
        Path archive = dir.resolve("prefix-archive");
        for (Map.Entry<Integer, List<String>> partition : prefix.entrySet()) {
            Path file = archive.resolve("topics/" + TOPIC + "/partition=" + partition.getKey() + "/" + TOPIC + "+"
                    + partition.getKey() + "+0000000000.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", partition.getValue()) + "\n", StandardCharsets.UTF_8);
        }
        String snapshots = dir.resolve("prefix-snapshots").toString();
        List<String> common = List.of("--archive", archive.toString(), "--snapshots", snapshots, "--master",
                "local[2]", "--json");
        JavaProcess.Result snapshot = JavaProcess.run(servers, dir, table + "-snapshot", heap, JavaProcess.SNAPSHOT,
                common, 300);
        require(snapshot);
        List<String> rebuildArgs = new java.util.ArrayList<>(common);
        rebuildArgs.addAll(List.of("--table", table, "--catalog-table", catalog, "--dynamodb-endpoint",
                servers.dynamoDbEndpoint().toString(), "--region", servers.region()));
        JavaProcess.Result rebuild = JavaProcess.run(servers, dir, table + "-rebuild", heap, JavaProcess.REBUILD,
                rebuildArgs, 300);
        require(rebuild);
        return JSON.readTree(rebuild.out());
    }

    private static void require(JavaProcess.Result result) {
        if (result.exit() != 0) {
            throw new IllegalStateException(result.name() + " failed (exit " + result.exit() + "):\n"
                    + result.errTail(30));
        }
    }

    public static long total(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
