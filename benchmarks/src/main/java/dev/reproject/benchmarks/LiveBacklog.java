package dev.reproject.benchmarks;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.live.DeadLetters;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A backlog of FTGO Order events for the live benchmark: a generated archive (no bad records) read back file by
 * file in offset order, each partition cut at its share of the wanted size (a prefix, so every key keeps its
 * order), and produced to the same partition of a fresh view topic.
 */
final class LiveBacklog {

    static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";

    /** One generator run writes ~1.9 events per order (late transitions wait for a later run): ask for more. */
    private static final double ORDERS_PER_EVENT = 0.56;

    /** One archived record: where it was, and its value (the Eventuate message). */
    @SuppressWarnings("ArrayRecordComponent") // carries the bytes; never compared or hashed
    record Event(int partition, long offset, byte[] value) {
    }

    private final List<List<byte[]>> partitions;

    private LiveBacklog(List<List<byte[]>> partitions) {
        this.partitions = partitions;
    }

    /** Generates an archive under {@code dir} and keeps {@code events} of its records, spread over the partitions. */
    static LiveBacklog generate(Path dir, long events, int partitionCount) throws IOException {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                .orders(Math.max(1, Math.round(events * ORDERS_PER_EVENT))).partitions(partitionCount)
                .badFraction(0).gzip(false).build());
        return read(dir, events);
    }

    /**
     * Keeps {@code events} records of an archive already under {@code dir} (e.g. made by {@code reproject generate}
     * with any of its options), spread over its partitions: a prefix of each, so every key keeps its order.
     */
    static LiveBacklog read(Path dir, long events) throws IOException {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        List<ArchiveFile> files = inOffsetOrder(store);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no archive files under " + dir);
        }
        int partitionCount = files.stream().mapToInt(f -> f.topicPartition().partition()).max().orElseThrow() + 1;
        long share = (events + partitionCount - 1) / partitionCount;
        List<List<byte[]>> partitions = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new ArrayList<>());
        }
        long left = events;
        for (ArchiveFile file : files) {
            List<byte[]> partition = partitions.get(file.topicPartition().partition());
            if (partition.size() >= share || left == 0) {
                continue; // this partition has its share: the rest of its files are not needed
            }
            if (file.startOffset() != partition.size()) { // the generator writes each offset once, in order
                throw new IllegalStateException(file.path() + " starts at " + file.startOffset() + ", expected "
                        + partition.size());
            }
            for (byte[] line : lines(store.read(file.path()), file.gzip())) {
                if (partition.size() >= share || left == 0) {
                    break;
                }
                partition.add(line);
                left--;
            }
        }
        if (left > 0) {
            throw new IllegalArgumentException(dir + " holds " + (events - left) + " records in shares of " + share
                    + " per partition, fewer than the " + events + " asked for: generate more orders");
        }
        return new LiveBacklog(partitions);
    }

    /** Every record of the archive under {@code dir}, which holds {@code partitionCount} partitions. */
    static LiveBacklog ofArchive(Path dir, int partitionCount) throws IOException {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        List<List<byte[]>> partitions = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new ArrayList<>());
        }
        List<ArchiveFile> files = inOffsetOrder(store);
        for (ArchiveFile file : files) {
            List<byte[]> partition = partitions.get(file.topicPartition().partition());
            if (file.startOffset() != partition.size()) { // the generator writes each offset once, in order
                throw new IllegalStateException(file.path() + " starts at " + file.startOffset() + ", expected "
                        + partition.size());
            }
            partition.addAll(lines(store.read(file.path()), file.gzip()));
        }
        return new LiveBacklog(partitions);
    }

    /** Per partition, offset → the record's value as text: what {@code ExpectedOrderHistory.ofRecords} reads. */
    Map<Integer, Map<Long, String>> records() {
        Map<Integer, Map<Long, String>> records = new TreeMap<>();
        for (int p = 0; p < partitions.size(); p++) {
            Map<Long, String> byOffset = new TreeMap<>();
            List<byte[]> values = partitions.get(p);
            for (int i = 0; i < values.size(); i++) {
                byOffset.put((long) i, new String(values.get(i), StandardCharsets.UTF_8));
            }
            records.put(p, byOffset);
        }
        return records;
    }

    /** The archive's files by partition and start offset. */
    private static List<ArchiveFile> inOffsetOrder(LocalArchiveStore store) throws IOException {
        return store.list("").stream().map(ArchiveFileName::parse).flatMap(Optional::stream)
                .sorted(Comparator.comparingInt((ArchiveFile f) -> f.topicPartition().partition())
                        .thenComparingLong(ArchiveFile::startOffset))
                .toList();
    }

    long size() {
        return partitions.stream().mapToLong(List::size).sum();
    }

    /** Every record, the partitions interleaved record by record, each partition in offset order. */
    List<Event> interleaved() {
        List<Event> events = new ArrayList<>((int) size());
        int longest = partitions.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (int p = 0; p < partitions.size(); p++) {
                if (i < partitions.get(p).size()) {
                    events.add(new Event(p, i, partitions.get(p).get(i)));
                }
            }
        }
        return events;
    }

    /**
     * Deletes the view topic (and its dead-letter topic), creates it with this backlog's partitions and produces
     * every record to its partition, in offset order; returns when the broker has acknowledged all of them.
     */
    void produceTo(String bootstrapServers) throws Exception {
        try (Admin admin = KafkaClients.of(bootstrapServers).admin()) {
            freshTopic(admin);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 20,
                    ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                AtomicReference<Exception> failure = new AtomicReference<>();
                for (Event event : interleaved()) {
                    producer.send(new ProducerRecord<>(TOPIC, event.partition(), null, event.value()), (meta, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                producer.flush();
                if (failure.get() != null) {
                    throw new IllegalStateException("could not produce the backlog", failure.get());
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions.size(); p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            for (int p = 0; p < partitions.size(); p++) {
                long end = ends.get(new TopicPartition(TOPIC, p)).offset();
                if (end != partitions.get(p).size()) {
                    throw new IllegalStateException("partition " + p + " ends at " + end + ", produced "
                            + partitions.get(p).size());
                }
            }
        }
    }

    private void freshTopic(Admin admin) throws Exception {
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
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions.size(), (short) 1))).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) || attempt == 50) { // deletion still settling
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static List<byte[]> lines(byte[] content, boolean gzip) throws IOException {
        InputStream in = new ByteArrayInputStream(content);
        if (gzip) {
            in = new GZIPInputStream(in);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isEmpty()).map(line -> line.getBytes(StandardCharsets.UTF_8))
                    .collect(Collectors.toList());
        }
    }

    /** Records per partition, for the report. */
    Map<Integer, Integer> sizes() {
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (int p = 0; p < partitions.size(); p++) {
            sizes.put(p, partitions.get(p).size());
        }
        return sizes;
    }
}
