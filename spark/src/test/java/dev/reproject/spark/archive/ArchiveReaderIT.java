package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.archive.Hole;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.spark.ArchiveRoot;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.reproject.spark.archive.Lines.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The Spark archive reader over hand-made local archives: rejects, file selection, holes. */
class ArchiveReaderIT {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final SourcePartition P0 = new SourcePartition(TOPIC, 0);
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("ArchiveReaderIT")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static ArchiveScan scan(Path root, ArchivePosition from, boolean allowGaps) throws IOException {
        return new ArchiveReader(spark, ArchiveRoot.of(root.toString()), NOW).scan(List.of(TOPIC), from, allowGaps);
    }

    private static List<Long> offsets(ArchiveScan scan) {
        return scan.events().select("offset").orderBy("offset").collectAsList().stream()
                .map(r -> r.getLong(0)).toList();
    }

    @Nested
    class DecodeRejects {

        @Test
        void each_decode_level_reason_is_rejected_with_its_line_and_the_rest_is_read(@TempDir Path root)
                throws IOException {
            String good = Lines.event(1, "1");
            String truncated = Lines.event(2, "2").substring(0, 40);
            String noAggregateId = Lines.message(Lines.id(3), null, "Mon, 30 Nov 2026 09:15:02 GMT", "{}").toString();
            String payloadObject = Lines.message(Lines.id(4), "4", "Mon, 30 Nov 2026 09:15:02 GMT", "x")
                    .put("payload", 1).toString();
            String payloadNotObject = Lines.message(Lines.id(5), "5", "Mon, 30 Nov 2026 09:15:02 GMT", "[1,2]")
                    .toString();
            String outboxIdNoDate = Lines.message("0000000000000007-0000000000000001", "6", null, "{}").toString();
            String asString = Lines.asJsonString(Lines.event(7, "7"));
            Lines.write(root, "topics/" + TOPIC + "/partition=0", 0, 100,
                    List.of(good, truncated, noAggregateId, payloadObject, payloadNotObject, outboxIdNoDate, asString));
            byte[] corrupt = Lines
                    .truncated(Lines.gzip(String.join("\n", Lines.events(50, 40)).getBytes(StandardCharsets.UTF_8)));
            Lines.writeBytes(root, "topics/" + TOPIC + "/partition=1", TOPIC + "+1+0000000000.json.gz", corrupt);

            try (ArchiveScan scan = scan(root, ArchivePosition.beginning(), false)) {
                ScanSummary summary = scan.summary();
                assertThat(summary.rejected()).containsOnly(
                        entry(RejectReason.NOT_JSON, 1L), entry(RejectReason.MISSING_HEADER, 2L),
                        entry(RejectReason.BAD_PAYLOAD, 2L), entry(RejectReason.UNREADABLE_FILE, 1L));
                assertThat(summary.events()).isEqualTo(2);
                assertThat(summary.records()).isEqualTo(7);
                assertThat(offsets(scan)).containsExactly(100L, 106L);
                Row stringForm = scan.events().filter("offset = 106").first();
                assertThat(EventRows.toEvent(stringForm).id()).isEqualTo(Lines.id(7));
                assertThat(EventRows.toEvent(stringForm).eventTime()).isEqualTo(Instant.parse("2026-11-30T09:15:02Z"));

                Map<Long, Row> rejects = scan.rejects().collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.<Long>getAs("offset"), r -> r));
                assertThat(rejects).containsOnlyKeys(101L, 102L, 103L, 104L, 105L, -1L);
                assertThat(rejects.get(101L).<String>getAs("reason")).isEqualTo("not-json");
                assertThat(rejects.get(101L).<String>getAs("raw")).isEqualTo(truncated);
                assertThat(rejects.get(101L).<Long>getAs("line")).isEqualTo(1L);
                assertThat(rejects.get(102L).<String>getAs("detail")).contains("event-aggregate-id");
                assertThat(rejects.get(103L).<String>getAs("reason")).isEqualTo("bad-payload");
                assertThat(rejects.get(104L).<String>getAs("reason")).isEqualTo("bad-payload");
                assertThat(rejects.get(105L).<String>getAs("reason")).isEqualTo("missing-header");
                assertThat(rejects.get(105L).<String>getAs("detail")).contains("ID");
                assertThat(rejects.get(-1L).<String>getAs("reason")).isEqualTo("unreadable-file");
                assertThat(rejects.get(-1L).<String>getAs("file")).endsWith(TOPIC + "+1+0000000000.json.gz");
                // the corrupt file was the only one of partition 1: a hole of unknown end, nothing taken there
                assertThat(summary.holes()).singleElement().satisfies(hole -> {
                    assertThat(hole.topicPartition()).isEqualTo(new SourcePartition(TOPIC, 1));
                    assertThat(hole.firstMissing()).isZero();
                    assertThat(hole.isEndKnown()).isFalse();
                });
                assertThat(summary.watermark().offsets()).containsOnly(entry(P0, 106L));
            }
        }
    }

    @Nested
    class FileSelection {

        @Test
        void redelivered_and_straddling_files_add_nothing_twice_and_covered_files_are_not_opened(@TempDir Path root)
                throws IOException {
            List<String> all = Lines.events(0, 10); // offsets 0..9 hold events 0..9
            Lines.write(root, "topics/" + TOPIC + "/partition=0", 0, 0, all.subList(0, 3));        // A: 0..2
            Lines.write(root, "topics/" + TOPIC + "/partition=0", 0, 3, all.subList(3, 6));        // B: 3..5
            Lines.write(root, "topics/" + TOPIC + "/redelivered", 0, 3, all.subList(3, 6));        // copy of B
            Lines.writeGzip(root, "topics/" + TOPIC + "/partition=0", 0, 4, all.subList(4, 8));    // S: 4..7, straddles B

            ArchivePosition afterFirst;
            try (ArchiveScan first = scan(root, ArchivePosition.beginning(), false)) {
                ScanSummary s = first.summary();
                assertThat(offsets(first)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
                assertThat(first.events().select("id").distinct().count()).isEqualTo(8);
                assertThat(s.duplicates()).isEqualTo(3 + 2); // the copy of B, and 4..5 of S
                assertThat(s.filesListed()).isEqualTo(4);
                assertThat(s.filesOpened()).isEqualTo(4);
                assertThat(s.watermark().offsets()).containsOnly(entry(P0, 7L));
                afterFirst = first.position();
                assertThat(afterFirst.lastFile(P0)).get().satisfies(span -> {
                    assertThat(span.path()).endsWith(TOPIC + "+0+0000000004.json.gz");
                    assertThat(span.lineCount()).isEqualTo(4);
                });
            }

            Lines.write(root, "topics/" + TOPIC + "/partition=0", 0, 8, all.subList(8, 10));       // C: 8..9
            ArchivePosition afterSecond;
            try (ArchiveScan second = scan(root, afterFirst, false)) {
                assertThat(second.summary().filesOpened()).isEqualTo(1);
                assertThat(second.summary().filesCovered()).isEqualTo(4);
                assertThat(second.summary().duplicates()).isZero();
                assertThat(offsets(second)).containsExactly(8L, 9L);
                afterSecond = second.position();
                assertThat(afterSecond.watermark().offsets()).containsOnly(entry(P0, 9L));
            }

            try (ArchiveScan third = scan(root, afterSecond, false)) {
                assertThat(third.summary().filesOpened()).isZero();
                assertThat(third.summary().filesCovered()).isEqualTo(5);
                assertThat(third.summary().records()).isZero();
                assertThat(third.events().count()).isZero();
                assertThat(third.position()).isEqualTo(afterSecond);
            }
        }

        @Test
        void a_missing_file_stops_its_partition_until_it_appears(@TempDir Path root) throws IOException {
            List<String> all = Lines.events(0, 9);
            Lines.write(root, "p0", 0, 0, all.subList(0, 3));   // 0..2
            Lines.write(root, "p0", 0, 6, all.subList(6, 9));   // 6..8; 3..5 missing
            Lines.write(root, "p1", 1, 0, Lines.events(100, 2)); // partition 1 is unaffected

            ArchivePosition stopped;
            try (ArchiveScan scan = scan(root, ArchivePosition.beginning(), false)) {
                ScanSummary s = scan.summary();
                assertThat(s.holes()).containsExactly(new Hole(P0, 3, 5, false, "no file holds these offsets"));
                assertThat(s.deferred()).isEqualTo(3);
                assertThat(s.events()).isEqualTo(3 + 2);
                assertThat(s.watermark().offsets()).containsOnly(entry(P0, 2L),
                        entry(new SourcePartition(TOPIC, 1), 1L));
                stopped = scan.position();
            }

            Lines.write(root, "p0-late", 0, 3, all.subList(3, 6)); // the missing file arrives
            try (ArchiveScan scan = scan(root, stopped, false)) {
                assertThat(scan.summary().holes()).isEmpty();
                assertThat(offsets(scan)).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
                assertThat(scan.summary().watermark().offset(P0)).hasValue(8);
            }
        }

        @Test
        void allow_gaps_passes_a_hole_and_counts_it(@TempDir Path root) throws IOException {
            List<String> all = Lines.events(0, 9);
            Lines.write(root, "p0", 0, 0, all.subList(0, 3));
            Lines.write(root, "p0", 0, 6, all.subList(6, 9));
            try (ArchiveScan scan = scan(root, ArchivePosition.beginning(), true)) {
                assertThat(scan.summary().holes())
                        .containsExactly(new Hole(P0, 3, 5, true, "no file holds these offsets"));
                assertThat(offsets(scan)).containsExactly(0L, 1L, 2L, 6L, 7L, 8L);
                assertThat(scan.summary().watermark().offset(P0)).hasValue(8);
            }
        }

        @Test
        void only_the_topics_asked_for_are_opened(@TempDir Path root) throws IOException {
            Lines.write(root, "topics/" + TOPIC + "/partition=0", 0, 0, Lines.events(0, 2));
            Lines.writeBytes(root, "topics/other.topic/partition=0", "other.topic+0+0000000000.json",
                    "not even json\n".getBytes(StandardCharsets.UTF_8));
            try (ArchiveScan scan = scan(root, ArchivePosition.beginning(), false)) {
                assertThat(scan.summary().filesListed()).isEqualTo(1);
                assertThat(scan.summary().totalRejected()).isZero();
                assertThat(scan.summary().watermark().offsets().keySet()).isEqualTo(Set.of(P0));
            }
        }
    }
}
