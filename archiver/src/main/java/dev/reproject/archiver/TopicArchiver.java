package dev.reproject.archiver;

import dev.reproject.archiver.file.ArchiveIndex;
import dev.reproject.archiver.file.LastArchivedOffset;
import dev.reproject.archiver.file.LineCodec;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.core.archive.connect.FileFormat;
import dev.reproject.core.archive.connect.FileWritten;
import dev.reproject.core.archive.connect.PartitionFileWriter;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Archives topics as Kafka Connect's S3 sink (JSON format, DefaultPartitioner) would: per partition, files of at
 * most N records named {@code topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json[.gz]}, one record value
 * per line ({@link LineCodec}). A run reads each partition from where the archive ends up to the end offset it
 * sees when it starts, with its own consumer (manual assignment, no group, {@code read_committed}), and writes
 * every file whole. A failed run leaves only whole files: the next run goes on after them.
 *
 * <p>The archive store is the caller's: this class does not close it.
 */
public final class TopicArchiver {

    private static final Logger log = LoggerFactory.getLogger(TopicArchiver.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** A partition's first file buffer: it grows to a file's size once and is reused for the partition's others. */
    private static final int FILE_BUFFER_BYTES = 64 * 1024;

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final ArchiveStore store;

    /** Archives from the Kafka cluster at {@code bootstrapServers} ({@code host:port[,host:port…]}). */
    public TopicArchiver(String bootstrapServers, ArchiveStore store) {
        this(KafkaClients.of(bootstrapServers), store);
    }

    /** Archives with consumers built from {@code kafkaConfig} (bootstrap servers, security, …). */
    public TopicArchiver(Map<String, Object> kafkaConfig, ArchiveStore store) {
        this(new KafkaClients(kafkaConfig), store);
    }

    private TopicArchiver(KafkaClients clients, ArchiveStore store) {
        this(() -> clients.consumerWithoutGroup("reproject-archiver"), store);
    }

    /** With another consumer, e.g. a {@code MockConsumer}; each run takes one and closes it. */
    TopicArchiver(Supplier<Consumer<byte[], byte[]>> consumers, ArchiveStore store) {
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Runs once.
     *
     * @throws NotFoundException        when a topic does not exist
     * @throws IllegalArgumentException when an offset names a partition the topic does not have, or an until
     *                                  offset lies before the start
     * @throws IllegalStateException    when Kafka no longer holds the records the archive needs next, when the
     *                                  archive already reaches beyond the partition's end, or when records owed do
     *                                  not come within {@link ArchiveRequest#maxIdle()}
     * @throws IOException              when the archive cannot be listed, read or written
     */
    public ArchiveReport archive(ArchiveRequest request) throws IOException {
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<SourcePartition> partitions = partitions(consumer, request);
            List<org.apache.kafka.common.TopicPartition> assigned = partitions.stream().map(TopicArchiver::kafka)
                    .toList();
            consumer.assign(assigned); // before asking for offsets: read_committed offset answers update assigned partitions
            Map<org.apache.kafka.common.TopicPartition, Long> beginnings = consumer.beginningOffsets(assigned);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(assigned);
            ArchiveIndex index = ArchiveIndex.list(store, request.topics());

            FileFormat format = new FileFormat(ArchiveLayout.PARTITION, request.gzip(), request.recordsPerFile());
            Map<SourcePartition, Run> runs = new LinkedHashMap<>();
            for (SourcePartition tp : partitions) {
                long beginning = beginnings.get(kafka(tp));
                long end = ends.get(kafka(tp));
                long start = start(tp, request, index, beginning, end);
                long until = request.untilOffsets().getOrDefault(tp, end);
                if (until < start) {
                    throw new IllegalArgumentException("cannot archive " + tp + " from offset " + start + ": "
                            + (request.untilOffsets().containsKey(tp) ? "the until offset " + until + " lies before it"
                                    : "the partition ends at offset " + end
                                            + " (give an until offset to wait for records)"));
                }
                runs.put(tp, new Run(tp, start, until, new PartitionFileWriter(store, tp, format, start,
                        FILE_BUFFER_BYTES, FileWritten.NONE)));
            }
            runs.values().forEach(run -> consumer.seek(kafka(run.tp), run.start));
            consume(consumer, runs, request.maxIdle());

            Map<SourcePartition, PartitionArchived> archived = new TreeMap<>();
            runs.values().forEach(run -> archived.put(run.tp, new PartitionArchived(run.tp, run.start, run.until,
                    run.writer.records(), run.writer.files(), run.writer.gaps(), run.writer.span())));
            ArchiveReport report = new ArchiveReport(store.root(), new TreeMap<>(archived));
            log.info("Archived {} records in {} files into {}", report.records(), report.files().size(), store.root());
            return report;
        }
    }

    private static List<SourcePartition> partitions(Consumer<byte[], byte[]> consumer, ArchiveRequest request) {
        List<SourcePartition> partitions = new ArrayList<>();
        for (String topic : request.topics()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new NotFoundException("topic '" + topic + "' does not exist in Kafka");
            }
            infos.stream().map(info -> new SourcePartition(topic, info.partition())).sorted().forEach(partitions::add);
        }
        for (Map<SourcePartition, Long> offsets : List.of(request.startOffsets(), request.untilOffsets())) {
            offsets.keySet().stream().filter(tp -> !partitions.contains(tp)).findFirst().ifPresent(tp -> {
                throw new IllegalArgumentException("an offset is given for partition " + tp.partition() + " of "
                        + tp.topic() + ", which has " + partitions.stream().filter(p -> p.topic().equals(tp.topic()))
                                .count()
                        + " partitions");
            });
        }
        return partitions;
    }

    /** The given start, else after the archive's last offset, else the partition's beginning. */
    private long start(SourcePartition tp, ArchiveRequest request, ArchiveIndex index, long beginning, long end)
            throws IOException {
        Long given = request.startOffsets().get(tp);
        if (given != null) {
            if (given < beginning) {
                throw new IllegalStateException("cannot archive " + tp + " from offset " + given
                        + ": Kafka retains it from offset " + beginning + " only");
            }
            return given;
        }
        OptionalLong last = LastArchivedOffset.of(store, index.files(tp));
        if (last.isEmpty()) {
            return beginning;
        }
        long next = last.getAsLong() + 1;
        if (next < beginning) {
            throw new IllegalStateException("the archive holds " + tp + " up to offset " + last.getAsLong()
                    + ", but Kafka retains it from offset " + beginning + " only: offsets " + next + ".."
                    + (beginning - 1) + " are lost; to archive from " + beginning + " anyway, give that start offset");
        }
        if (next > end && !request.untilOffsets().containsKey(tp)) {
            throw new IllegalStateException("the archive already holds " + tp + " up to offset " + last.getAsLong()
                    + ", beyond its end in Kafka (end offset " + end + "): is " + store.root()
                    + " the archive of another cluster, or of an earlier topic of that name?");
        }
        return next;
    }

    private static void consume(Consumer<byte[], byte[]> consumer, Map<SourcePartition, Run> runs, Duration maxIdle)
            throws IOException {
        Map<SourcePartition, Run> active = new LinkedHashMap<>(runs);
        long lastProgress = System.nanoTime();
        finishReached(consumer, active);
        while (!active.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            boolean progress = false;
            for (org.apache.kafka.common.TopicPartition ktp : records.partitions()) {
                Run run = active.get(core(ktp));
                if (run == null) {
                    continue; // finished: records beyond its until offset are the next run's
                }
                for (ConsumerRecord<byte[], byte[]> record : records.records(ktp)) {
                    if (record.offset() >= run.until) {
                        break;
                    }
                    run.writer.append(record.offset(), LineCodec.encode(record.value()), record.timestamp());
                    progress = true;
                }
            }
            progress |= finishReached(consumer, active);
            if (progress) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > maxIdle.toNanos()) {
                throw new IllegalStateException("no records came for " + maxIdle.toSeconds() + " s while these were"
                        + " still owed: " + owed(active) + "; files up to there are written");
            }
        }
    }

    /** Writes out and pauses the partitions whose position reached their until offset; whether any moved. */
    private static boolean finishReached(Consumer<byte[], byte[]> consumer, Map<SourcePartition, Run> active)
            throws IOException {
        boolean moved = false;
        for (Iterator<Run> it = active.values().iterator(); it.hasNext();) {
            Run run = it.next();
            long position = consumer.position(kafka(run.tp));
            moved |= position != run.position;
            run.position = position;
            if (position >= run.until) {
                run.writer.finish();
                consumer.pause(List.of(kafka(run.tp)));
                it.remove();
            }
        }
        return moved;
    }

    private static String owed(Map<SourcePartition, Run> active) {
        return active.values().stream().map(run -> run.tp + " at offset " + run.position + ", until " + run.until)
                .reduce((a, b) -> a + "; " + b).orElse("none");
    }

    private static org.apache.kafka.common.TopicPartition kafka(SourcePartition tp) {
        return new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition());
    }

    private static SourcePartition core(org.apache.kafka.common.TopicPartition tp) {
        return new SourcePartition(tp.topic(), tp.partition());
    }

    /** One partition's state during a run. */
    private static final class Run {
        final SourcePartition tp;
        final long start;
        final long until;
        final PartitionFileWriter writer;
        long position;

        Run(SourcePartition tp, long start, long until, PartitionFileWriter writer) {
            this.tp = tp;
            this.start = start;
            this.until = until;
            this.writer = writer;
            this.position = start;
        }
    }
}
