package dev.reproject.cli;

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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Order topic on the tests' broker, seen with plain Kafka clients: made fresh, filled from an archive with
 * the archiver's publisher, read back whole, and a consumer group's committed offsets read and set. The live ITs
 * share one broker and the view's topic name, so each starts with {@link #freshTopic}.
 */
final class LiveKafka implements AutoCloseable {

    static final String TOPIC = ExpectedOrderHistory.TOPIC;
    static final String DEAD_LETTERS = TOPIC + ".reproject-dlq";

    private final String bootstrapServers;
    private final Admin admin;

    LiveKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Deletes the topic and its dead-letter topic, if there, and creates the topic empty. */
    void freshTopic(int partitions) throws Exception {
        List<String> existing = admin.listTopics().names().get().stream()
                .filter(name -> name.equals(TOPIC) || name.equals(DEAD_LETTERS)).toList();
        if (!existing.isEmpty()) {
            admin.deleteTopics(existing).all().get();
            while (admin.listTopics().names().get().stream().anyMatch(existing::contains)) {
                Thread.sleep(100);
            }
        }
        // a deleted topic's name may be taken again only once the controller let go of it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
                break;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        // ... and its partitions may show in the metadata a moment after the creation was acknowledged
        while (described(TOPIC) != partitions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + TOPIC + " shows " + described(TOPIC) + " partitions, not "
                        + partitions + ", 30 s after it was created");
            }
            Thread.sleep(100);
        }
    }

    private int described(String topic) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (ExecutionException e) {
            return -1; // not known yet
        }
    }

    /** Per partition, the offset the next record will get. */
    Map<Integer, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<Integer, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }

    static long total(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every record of the topic: per partition, offset → value as UTF-8 text (null for no value). */
    Map<Integer, TreeMap<Long, String>> records() {
        Map<Integer, TreeMap<Long, String>> records = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            partitions.forEach(tp -> records.put(tp.partition(), new TreeMap<>()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topic up to " + ends + " in a minute");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.get(record.partition()).put(record.offset(),
                            record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return records;
    }

    /** The group's committed offsets, per partition; a partition without one is left out. */
    Map<Integer, Long> committed(String group) throws Exception {
        Map<Integer, Long> committed = new TreeMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, mark) -> {
            if (tp.topic().equals(TOPIC) && mark != null) {
                committed.put(tp.partition(), mark.offset());
            }
        });
        return committed;
    }

    /** The group's members now: the partitions each has, by member id; none before the group exists. */
    Map<String, Integer> members(String group) throws Exception {
        Map<String, Integer> members = new TreeMap<>();
        try {
            admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members()
                    .forEach(m -> members.put(m.consumerId(), m.assignment().topicPartitions().size()));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        return members;
    }

    /** Commits these offsets (the next offset to consume, per partition) for the group, which must be empty. */
    void commit(String group, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> marks = new HashMap<>();
        offsets.forEach((partition, offset) -> marks.put(new TopicPartition(TOPIC, partition),
                new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, marks).all().get();
    }

    /** Publishes archive offsets {@code from} to {@code until} (exclusive) of each partition, with true offsets. */
    void publish(Path archive, Map<Integer, Long> from, Map<Integer, Long> until) throws Exception {
        try (ArchiveStore store = new LocalArchiveStore(archive.toString())) {
            new ArchivePublisher(bootstrapServers, store).publish(PublishRequest.of(TOPIC)
                    .withFromOffsets(from).withUntilOffsets(until));
        }
    }

    /** Publishes the whole archive. */
    void publish(Path archive) throws Exception {
        try (ArchiveStore store = new LocalArchiveStore(archive.toString())) {
            new ArchivePublisher(bootstrapServers, store).publish(PublishRequest.of(TOPIC));
        }
    }

    /**
     * Publishes an archive in slices from another thread, while the test does other things: slice {@code i}
     * holds offsets {@code ends * i / slices} to {@code ends * (i + 1) / slices} of each partition. It publishes
     * only the slices {@link Slices#allow allowed} so far, one after another with a pause between them.
     */
    Slices slices(Path archive, Map<Integer, Long> ends, int slices, Duration pause) {
        return new Slices(archive, ends, slices, pause);
    }

    final class Slices implements AutoCloseable {
        private final Map<Integer, Long> ends;
        private final int count;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "live-it-publisher");
            t.setDaemon(true);
            return t;
        });
        private final Future<?> running;
        private int allowed;
        private int published;

        private Slices(Path archive, Map<Integer, Long> ends, int count, Duration pause) {
            this.ends = Map.copyOf(ends);
            this.count = count;
            this.running = thread.submit(() -> {
                for (int i = 0; i < count; i++) {
                    awaitAllowed(i);
                    publish(archive, bound(i), bound(i + 1));
                    synchronized (this) {
                        published = i + 1;
                        notifyAll();
                    }
                    Thread.sleep(pause.toMillis());
                }
                return null;
            });
        }

        /** Lets slices {@code 0..slices-1} be published. */
        synchronized void allow(int slices) {
            allowed = Math.max(allowed, Math.min(slices, count));
            notifyAll();
        }

        /** Lets every slice be published. */
        void allowAll() {
            allow(count);
        }

        synchronized int published() {
            return published;
        }

        /** Waits until {@code slices} slices are published; fails with the publisher's error if it had one. */
        void awaitPublished(int slices) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (true) {
                synchronized (this) {
                    if (published >= slices) {
                        return;
                    }
                    wait(100);
                }
                if (running.isDone()) {
                    running.get(); // throws the publisher's error
                    if (published() < slices) {
                        throw new IllegalStateException("the publisher ended after " + published() + " slices");
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("only " + published() + " of " + slices + " slices published in 2 min");
                }
            }
        }

        void awaitDone() throws Exception {
            allowAll();
            awaitPublished(count);
            running.get(1, TimeUnit.MINUTES);
        }

        private synchronized void awaitAllowed(int slice) throws InterruptedException {
            while (allowed <= slice) {
                wait();
            }
        }

        private Map<Integer, Long> bound(int slice) {
            Map<Integer, Long> bound = new TreeMap<>();
            ends.forEach((partition, end) -> bound.put(partition, end * slice / count));
            return bound;
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(TOPIC).forEach(info -> partitions.add(new TopicPartition(TOPIC, info.partition())));
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return partitions;
    }

    @Override
    public void close() {
        admin.close();
    }
}
