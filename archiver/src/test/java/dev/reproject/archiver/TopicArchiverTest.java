package dev.reproject.archiver;

import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.event.SourcePartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consumer side of a run, on kafka-clients' MockConsumer: where it starts, stops, and how holes split files. */
class TopicArchiverTest {

    private static final String TOPIC = "orders";
    private static final org.apache.kafka.common.TopicPartition P0 = new org.apache.kafka.common.TopicPartition(TOPIC,
            0);
    private static final org.apache.kafka.common.TopicPartition P1 = new org.apache.kafka.common.TopicPartition(TOPIC,
            1);
    private static final SourcePartition TP0 = new SourcePartition(TOPIC, 0);
    private static final SourcePartition TP1 = new SourcePartition(TOPIC, 1);

    @TempDir
    Path dir;
    private LocalArchiveStore store;

    @BeforeEach
    void store() {
        store = new LocalArchiveStore(dir.toString());
    }

    /** A broker with two partitions holding the given offsets (value "v<offset>", or the given one). */
    private static MockConsumer<byte[], byte[]> kafka(Map<org.apache.kafka.common.TopicPartition, long[]> offsets,
                                                      Map<org.apache.kafka.common.TopicPartition, Long> beginnings,
                                                      Map<org.apache.kafka.common.TopicPartition, Long> ends) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null),
                new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
        // records can be added only once assigned: on the first poll
        consumer.schedulePollTask(() -> offsets.forEach((tp, list) -> {
            for (long offset : list) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, tp.partition(), offset, null, value(offset)));
            }
        }));
        return consumer;
    }

    private static byte[] value(long offset) {
        return offset == 4 ? null : offset == 5 ? "two\nlines".getBytes(StandardCharsets.UTF_8)
                : ("v" + offset).getBytes(StandardCharsets.UTF_8);
    }

    private String read(String relative) throws IOException {
        return Files.readString(dir.resolve(relative));
    }

    @Test
    void archivesEveryPartitionFromItsBeginningSplittingFilesAtHoles() throws IOException {
        MockConsumer<byte[], byte[]> consumer = kafka(
                Map.of(P0, new long[]{0, 1, 2, 3, 4, 5, 8, 9}, P1, new long[]{7, 8}),
                Map.of(P0, 0L, P1, 7L), Map.of(P0, 10L, P1, 9L));

        ArchiveReport report = new TopicArchiver(() -> consumer, store)
                .archive(ArchiveRequest.of(TOPIC).withRecordsPerFile(4));

        assertThat(report.files()).containsExactly(
                "topics/orders/partition=0/orders+0+0000000000.json",
                "topics/orders/partition=0/orders+0+0000000004.json",
                "topics/orders/partition=0/orders+0+0000000008.json",
                "topics/orders/partition=1/orders+1+0000000007.json");
        assertThat(read("topics/orders/partition=0/orders+0+0000000000.json")).isEqualTo("v0\nv1\nv2\nv3\n");
        assertThat(read("topics/orders/partition=0/orders+0+0000000004.json")).isEqualTo("null\n\"two\\nlines\"\n");
        assertThat(read("topics/orders/partition=0/orders+0+0000000008.json")).isEqualTo("v8\nv9\n");
        assertThat(report.partitions().get(TP0)).isEqualTo(new PartitionArchived(TP0, 0, 10, 8,
                report.partitions().get(TP0).files(), 1, new OffsetRange(0, 9)));
        assertThat(report.lastOffsets()).isEqualTo(Map.of(TP0, 9L, TP1, 8L));
        assertThat(report.recordsPerPartition()).isEqualTo(Map.of(TP0, 8L, TP1, 2L));
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aRunGoesOnAfterTheArchivedOffsetsAndStopsAtTheUntilOffset() throws IOException {
        store.write("topics/orders/partition=0/orders+0+0000000000.json",
                "v0\nv1\nv2\n".getBytes(StandardCharsets.UTF_8));
        MockConsumer<byte[], byte[]> consumer = kafka(
                Map.of(P0, new long[]{0, 1, 2, 3, 6, 7, 8}, P1, new long[]{}),
                Map.of(P0, 0L, P1, 0L), Map.of(P0, 9L, P1, 0L));

        ArchiveReport report = new TopicArchiver(() -> consumer, store)
                .archive(ArchiveRequest.of(TOPIC).withUntilOffsets(Map.of(TP0, 7L)));

        assertThat(report.files()).containsExactly(
                "topics/orders/partition=0/orders+0+0000000003.json",
                "topics/orders/partition=0/orders+0+0000000006.json");
        assertThat(read("topics/orders/partition=0/orders+0+0000000006.json")).isEqualTo("v6\n");
        PartitionArchived p0 = report.partitions().get(TP0);
        assertThat(p0.fromOffset()).isEqualTo(3);
        assertThat(p0.untilOffset()).isEqualTo(7);
        assertThat(p0.archived()).isEqualTo(new OffsetRange(3, 6));
        assertThat(report.partitions().get(TP1).records()).isZero();
        assertThat(report.partitions().get(TP1).lastOffset()).isEmpty();
    }

    @Test
    void givenStartOffsetsWin() throws IOException {
        store.write("topics/orders/partition=0/orders+0+0000000000.json",
                "v0\nv1\nv2\n".getBytes(StandardCharsets.UTF_8));
        MockConsumer<byte[], byte[]> consumer = kafka(Map.of(P0, new long[]{0, 1, 2, 3}, P1, new long[]{}),
                Map.of(P0, 0L, P1, 0L), Map.of(P0, 4L, P1, 0L));

        ArchiveReport report = new TopicArchiver(() -> consumer, store)
                .archive(ArchiveRequest.of(TOPIC).withStartOffsets(Map.of(TP0, 1L)));

        assertThat(report.files()).containsExactly("topics/orders/partition=0/orders+0+0000000001.json");
        assertThat(read(report.files().get(0))).isEqualTo("v1\nv2\nv3\n");
    }

    @Test
    void recordsKafkaNoLongerHoldsStopTheRun() throws IOException {
        store.write("topics/orders/partition=1/orders+1+0000000000.json",
                "v0\nv1\nv2\n".getBytes(StandardCharsets.UTF_8));
        MockConsumer<byte[], byte[]> consumer = kafka(Map.of(), Map.of(P0, 0L, P1, 10L), Map.of(P0, 0L, P1, 20L));

        assertThatThrownBy(() -> new TopicArchiver(() -> consumer, store).archive(ArchiveRequest.of(TOPIC)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the archive holds orders-1 up to offset 2, but Kafka retains it from offset 10 only: "
                        + "offsets 3..9 are lost; to archive from 10 anyway, give that start offset");
    }

    @Test
    void anArchiveBeyondTheEndOfThePartitionIsRefused() throws IOException {
        store.write("topics/orders/partition=0/orders+0+0000000000.json",
                "v0\nv1\nv2\n".getBytes(StandardCharsets.UTF_8));
        MockConsumer<byte[], byte[]> consumer = kafka(Map.of(), Map.of(P0, 0L, P1, 0L), Map.of(P0, 1L, P1, 0L));

        assertThatThrownBy(() -> new TopicArchiver(() -> consumer, store).archive(ArchiveRequest.of(TOPIC)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds orders-0 up to offset 2, beyond its end in Kafka (end offset 1)");
    }

    @Test
    void anUnknownTopicIsNotFound() {
        MockConsumer<byte[], byte[]> consumer = kafka(Map.of(), Map.of(), Map.of());

        assertThatThrownBy(() -> new TopicArchiver(() -> consumer, store).archive(ArchiveRequest.of("nope")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("topic 'nope' does not exist in Kafka");
    }

    @Test
    void anOffsetForAPartitionTheTopicLacksIsAUsageError() {
        MockConsumer<byte[], byte[]> consumer = kafka(Map.of(), Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));

        assertThatThrownBy(() -> new TopicArchiver(() -> consumer, store).archive(
                ArchiveRequest.of(TOPIC).withUntilOffsets(Map.of(new SourcePartition(TOPIC, 2), 5L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an offset is given for partition 2 of orders, which has 2 partitions");
    }

    @Test
    void recordsThatDoNotComeFailTheRunAfterMaxIdleKeepingWholeFiles() {
        MockConsumer<byte[], byte[]> consumer = kafka(Map.of(P0, new long[]{0, 1, 2}), Map.of(P0, 0L, P1, 0L),
                Map.of(P0, 3L, P1, 0L));

        assertThatThrownBy(() -> new TopicArchiver(() -> consumer, store).archive(ArchiveRequest.of(TOPIC)
                .withRecordsPerFile(2).withUntilOffsets(Map.of(TP0, 5L)).withMaxIdle(Duration.ofMillis(300))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("orders-0 at offset 3, until 5");
        assertThat(dir.resolve("topics/orders/partition=0/orders+0+0000000000.json")).content().isEqualTo("v0\nv1\n");
        assertThat(dir.resolve("topics/orders/partition=0/orders+0+0000000002.json")).doesNotExist();
    }

    @Test
    void requestsAreChecked() {
        assertThatThrownBy(() -> ArchiveRequest.of(List.of())).hasMessageContaining("no topic");
        assertThatThrownBy(() -> ArchiveRequest.of(TOPIC).withRecordsPerFile(0)).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> ArchiveRequest.of(TOPIC).withStartOffsets(Map.of(new SourcePartition("x", 0), 1L)))
                .hasMessageContaining("topic x is not archived");
    }
}
