package dev.reproject.archiver;

import dev.reproject.archiver.file.ArchiveIndex;
import dev.reproject.archiver.file.FileLines;
import dev.reproject.archiver.file.LineCodec;
import dev.reproject.archiver.file.PartitionPlan;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.kafka.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces an archive's records to Kafka, for tests and the demo: per partition, every archive offset exactly once
 * and in order, into the same partition number, so that Kafka's offsets equal the archive's. The value is the line
 * as archived; the key the line's {@code event-aggregate-id} header, or none when the line is no message.
 *
 * <p>It reads every file first and fails before producing anything when an offset is missing (a corrupt file
 * whose records no other file holds), the topic has fewer partitions than the archive, or a partition's end offset
 * in Kafka is not the first archive offset to publish. It creates a missing topic with the archive's partition
 * count. Idempotent producer, {@code acks=all}; every record's Kafka offset is checked against the archive's.
 *
 * <p>The archive store is the caller's: this class does not close it.
 */
public final class ArchivePublisher {

    private static final Logger log = LoggerFactory.getLogger(ArchivePublisher.class);
    private static final String CLIENT_ID = "reproject-archive-publisher";

    private final KafkaClients clients;
    private final ArchiveStore store;

    /** Publishes to the Kafka cluster at {@code bootstrapServers} ({@code host:port[,host:port…]}). */
    public ArchivePublisher(String bootstrapServers, ArchiveStore store) {
        this(KafkaClients.of(bootstrapServers), store);
    }

    /** Publishes with clients built from {@code kafkaConfig} (bootstrap servers, security, …). */
    public ArchivePublisher(Map<String, Object> kafkaConfig, ArchiveStore store) {
        this(new KafkaClients(kafkaConfig), store);
    }

    private ArchivePublisher(KafkaClients clients, ArchiveStore store) {
        this.clients = clients;
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Runs once.
     *
     * @throws NotFoundException        when the archive holds no file of the topic
     * @throws IllegalArgumentException when an offset names a partition the archive does not have
     * @throws IllegalStateException    when offsets are missing (and not allowed), the topic has too few partitions,
     *                                  a partition's Kafka end offset is not where publishing starts, or Kafka
     *                                  refuses a record or gives it another offset than expected
     * @throws IOException              when the archive cannot be listed or read
     */
    public PublishReport publish(PublishRequest request) throws IOException {
        String archiveTopic = request.archiveTopic();
        ArchiveIndex index = ArchiveIndex.list(store, List.of(archiveTopic));
        int partitions = index.partitionCount(archiveTopic);
        if (partitions == 0) {
            throw new NotFoundException("no archive file of topic '" + archiveTopic + "' under " + store.root());
        }
        checkPartitions(request, partitions);
        SortedMap<Integer, PartitionPlan> plans = plan(request, index);
        checkComplete(request, plans.values());

        KafkaTopics.EnsuredTopic topic;
        Map<Integer, Long> ends;
        try (Admin admin = clients.admin(CLIENT_ID)) {
            KafkaTopics topics = new KafkaTopics(admin);
            topic = topics.ensure(request.topic(), partitions, request.replicationFactor());
            if (topic.partitions() < partitions) {
                throw new IllegalStateException("topic '" + request.topic() + "' has " + topic.partitions()
                        + " partitions, the archive of '" + archiveTopic + "' " + partitions + ": records would not"
                        + " keep their partition; publish into a topic with at least " + partitions + " partitions");
            }
            ends = topics.endOffsets(request.topic(), partitions);
        }
        checkStartsAtEnd(request, plans, ends);

        produce(request.topic(), plans, ends);
        SortedMap<Integer, PartitionPublished> published = new TreeMap<>();
        plans.forEach((p, plan) -> published.put(p, new PartitionPublished(p, plan.span(), plan.records(),
                plan.records() > 0 ? ends.get(p) : -1, plan.duplicateLines(), plan.missing(), plan.unreadable())));
        PublishReport report = new PublishReport(request.topic(), topic.created(), published);
        log.info("Published {} records from {} to topic {}", report.records(), store.root(), request.topic());
        return report;
    }

    private SortedMap<Integer, PartitionPlan> plan(PublishRequest request, ArchiveIndex index) throws IOException {
        SortedMap<Integer, PartitionPlan> plans = new TreeMap<>();
        for (SourcePartition tp : index.partitions(request.archiveTopic())) {
            plans.put(tp.partition(), PartitionPlan.of(store, tp, index.files(tp),
                    optional(request.fromOffsets().get(tp.partition())),
                    optional(request.untilOffsets().get(tp.partition()))));
        }
        return plans;
    }

    private void produce(String topic, Map<Integer, PartitionPlan> plans, Map<Integer, Long> ends) throws IOException {
        Deliveries deliveries = new Deliveries(topic);
        try (Producer<byte[], byte[]> producer = clients.idempotentProducer(CLIENT_ID)) {
            for (PartitionPlan plan : plans.values()) {
                int partition = plan.partition().partition();
                long kafkaOffset = ends.get(partition);
                for (PartitionPlan.Segment segment : plan.segments()) {
                    List<byte[]> lines = FileLines.read(store, segment.file());
                    if (lines.size() != segment.lineCount()) {
                        throw new IllegalStateException(store.root() + "/" + segment.file().path() + " changed while"
                                + " being published: " + segment.lineCount() + " lines, now " + lines.size());
                    }
                    for (long offset = segment.first(); offset <= segment.last(); offset++) {
                        deliveries.throwIfFailed();
                        byte[] line = lines.get((int) (offset - segment.file().startOffset()));
                        byte[] key = LineCodec.aggregateId(line).map(id -> id.getBytes(StandardCharsets.UTF_8))
                                .orElse(null);
                        long archiveOffset = offset;
                        long expected = kafkaOffset++;
                        producer.send(new ProducerRecord<>(topic, partition, key, line),
                                (metadata, error) -> deliveries.completed(partition, archiveOffset, expected, metadata,
                                        error));
                    }
                }
            }
            producer.flush();
        }
        deliveries.throwIfFailed();
    }

    private static void checkPartitions(PublishRequest request, int partitions) {
        for (Map<Integer, Long> offsets : List.of(request.fromOffsets(), request.untilOffsets())) {
            offsets.keySet().stream().filter(p -> p >= partitions).findFirst().ifPresent(p -> {
                throw new IllegalArgumentException("an offset is given for partition " + p + ", but the archive of '"
                        + request.archiveTopic() + "' has partitions 0.." + (partitions - 1));
            });
        }
    }

    private void checkComplete(PublishRequest request, Iterable<PartitionPlan> plans) {
        List<String> problems = new ArrayList<>();
        for (PartitionPlan plan : plans) {
            if (!plan.missing().isEmpty()) {
                problems.add("partition " + plan.partition().partition() + " lacks offset"
                        + (plan.missing().size() == 1 && plan.missing().get(0).size() == 1 ? " " : "s ")
                        + String.join(", ", plan.missing().stream().map(ArchivePublisher::range).toList())
                        + (plan.unreadable().isEmpty() ? ""
                                : " (unreadable: " + String.join(", ", plan.unreadable()) + ")"));
            }
        }
        if (!problems.isEmpty() && !request.allowMissing()) {
            throw new IllegalStateException("the archive of '" + request.archiveTopic() + "' under " + store.root()
                    + " has holes: " + String.join("; ", problems) + ". Published past them, every later record would"
                    + " get another offset in Kafka than in the archive; allow missing offsets to publish anyway");
        }
    }

    private static void checkStartsAtEnd(PublishRequest request, Map<Integer, PartitionPlan> plans,
                                         Map<Integer, Long> ends) {
        for (PartitionPlan plan : plans.values()) {
            int p = plan.partition().partition();
            if (plan.records() > 0 && ends.get(p) != plan.span().first()) {
                throw new IllegalStateException("partition " + p + " of topic '" + request.topic() + "' ends at offset "
                        + ends.get(p) + ", so archive offset " + plan.span().first() + " would get Kafka offset "
                        + ends.get(p) + ": publish into an empty topic, or from archive offset " + ends.get(p));
            }
        }
    }

    private static String range(OffsetRange range) {
        return range.size() == 1 ? Long.toString(range.first()) : range.first() + ".." + range.last();
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** The producer's callbacks: the first failure or offset mismatch, kept to be thrown on the caller's thread. */
    private static final class Deliveries {
        private final String topic;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Deliveries(String topic) {
            this.topic = topic;
        }

        void completed(int partition, long archiveOffset, long expected, RecordMetadata metadata, Exception error) {
            if (error != null) {
                failure.compareAndSet(null, new IllegalStateException("Kafka did not take archive offset "
                        + archiveOffset + " of partition " + partition + " of topic '" + topic + "': "
                        + error.getMessage(), error));
            } else if (metadata.offset() != expected) {
                failure.compareAndSet(null, new IllegalStateException("Kafka gave archive offset " + archiveOffset
                        + " of partition " + partition + " of topic '" + topic + "' the offset " + metadata.offset()
                        + ", not " + expected + ": something else is producing to the topic"));
            }
        }

        void throwIfFailed() {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }
}
