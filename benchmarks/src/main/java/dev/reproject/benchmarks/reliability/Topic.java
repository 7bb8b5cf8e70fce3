package dev.reproject.benchmarks.reliability;

import dev.reproject.archiver.ArchivePublisher;
import dev.reproject.archiver.PublishRequest;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.oracle.ExpectedOrderHistory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Order topic of the rig's broker, read and written with plain Kafka clients: created, filled from a generated
 * archive with true offsets, read back whole, and a group's committed offsets. Every call makes its own client,
 * so a broker restarted in between is no matter.
 */
final class Topic {

    static final String NAME = ExpectedOrderHistory.TOPIC;

    private final String bootstrapServers;

    Topic(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void create(int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(NAME, partitions, (short) 1))).all().get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (described(admin) != partitions) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + NAME + " has no " + partitions + " partitions yet");
                }
                Thread.sleep(100);
            }
        }
    }

    private static int described(Admin admin) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(NAME)).allTopicNames().get().get(NAME).partitions().size();
        } catch (ExecutionException e) {
            return -1;
        }
    }

    /** Publishes archive offsets {@code from} (inclusive) to {@code until} (exclusive) of each partition. */
    void publish(Path archive, Map<Integer, Long> from, Map<Integer, Long> until) throws IOException {
        try (ArchiveStore store = new LocalArchiveStore(archive.toString())) {
            new ArchivePublisher(bootstrapServers, store).publish(PublishRequest.of(NAME)
                    .withFromOffsets(from).withUntilOffsets(until));
        }
    }

    /** Per partition, the offset the next record will get. */
    Map<Integer, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<Integer, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions(consumer)).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }

    static long total(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every record: per partition, offset → value as UTF-8 text (null for no value). */
    Map<Integer, TreeMap<Long, String>> records() {
        Map<Integer, TreeMap<Long, String>> records = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            partitions.forEach(tp -> records.put(tp.partition(), new TreeMap<>()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topic up to " + ends + " in 2 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.get(record.partition()).put(record.offset(),
                            record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return records;
    }

    /** The group's committed offsets summed with {@code starts} for partitions without one. */
    long committedTotal(String group, Map<Integer, Long> starts) throws Exception {
        Map<Integer, Long> committed = new TreeMap<>(starts);
        try (Admin admin = admin()) {
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((tp, mark) -> {
                        if (tp.topic().equals(NAME) && mark != null) {
                            committed.put(tp.partition(), mark.offset());
                        }
                    });
        }
        return total(committed);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(NAME).forEach(info -> partitions.add(new TopicPartition(NAME, info.partition())));
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return partitions;
    }
}
