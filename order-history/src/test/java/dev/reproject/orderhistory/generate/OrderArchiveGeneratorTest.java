package dev.reproject.orderhistory.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderArchiveGeneratorTest {

    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";

    @TempDir
    Path dir;

    private LocalArchiveStore store(String name) {
        return new LocalArchiveStore(dir.resolve(name).toString());
    }

    @Nested
    class Determinism {

        private final GeneratorOptions options = GeneratorOptions.builder()
                .orders(2_000).badFraction(0.05).layout(ArchiveLayout.HOURLY).gzip(true).build();

        @Test
        void theSameSeedWritesByteIdenticalFiles() throws Exception {
            LocalArchiveStore first = store("first");
            LocalArchiveStore second = store("second");
            GenerationReport a = OrderArchiveGenerator.generate(first, options);
            GenerationReport b = OrderArchiveGenerator.generate(second, options);

            assertThat(b).isEqualTo(a);
            Map<String, byte[]> left = ArchiveRecount.contents(first);
            Map<String, byte[]> right = ArchiveRecount.contents(second);
            assertThat(right.keySet()).isEqualTo(left.keySet());
            left.forEach((path, bytes) -> assertThat(right.get(path)).as(path).isEqualTo(bytes));
        }

        @Test
        void anotherSeedWritesAnotherArchive() throws Exception {
            LocalArchiveStore first = store("first");
            LocalArchiveStore other = store("other");
            OrderArchiveGenerator.generate(first, options);
            OrderArchiveGenerator.generate(other, GeneratorOptions.builder().orders(2_000).seed(7L).badFraction(0.05)
                    .layout(ArchiveLayout.HOURLY).gzip(true).build());

            Map<String, byte[]> left = ArchiveRecount.contents(first);
            Map<String, byte[]> right = ArchiveRecount.contents(other);
            String somePartition = left.keySet().stream().filter(p -> p.contains("+0+0000000000")).findFirst()
                    .orElseThrow();
            String samePartition = right.keySet().stream().filter(p -> p.contains("+0+0000000000")).findFirst()
                    .orElseThrow();
            assertThat(right.get(samePartition)).isNotEqualTo(left.get(somePartition));
        }
    }

    @Nested
    class WellFormedArchive {

        @Test
        void withoutBadRecordsEveryLineIsACompleteEventuateMessage() throws Exception {
            LocalArchiveStore store = store("clean");
            GenerationReport report = OrderArchiveGenerator.generate(store,
                    GeneratorOptions.builder().orders(1_500).build());

            ObjectMapper json = new ObjectMapper();
            long lines = 0;
            for (String path : store.list("topics/")) {
                for (String line : new String(store.read(path), StandardCharsets.UTF_8).split("\n")) {
                    lines++;
                    JsonNode message = json.readTree(line);
                    if (message.isTextual()) {
                        message = json.readTree(message.textValue());
                    }
                    assertThat(fieldNames(message)).containsExactly("payload", "headers");
                    assertThat(fieldNames(message.get("headers"))).containsExactly("ID", "event-type",
                            "event-aggregate-type", "event-aggregate-id", "DATE", "PARTITION_ID", "DESTINATION");
                    assertThat(message.get("headers").get("event-type").textValue())
                            .startsWith("net.chrisrichardson.ftgo.orderservice.api.events.Order");
                    assertThat(json.readTree(message.get("payload").textValue()).isObject()).isTrue();
                    assertThat(message.get("headers").get("DATE").textValue())
                            .matches("\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
                }
            }
            assertThat(lines).isEqualTo(report.records()).isEqualTo(report.totalEvents());
            assertThat(report.rejected()).isEmpty();
            assertThat(report.duplicates()).isZero();
            assertThat(report.unhandled()).isZero();
            assertThat(report.files()).isEqualTo(store.list("topics/").size());
        }

        @Test
        void partitionFilesRotateEveryNRecordsWithContiguousOffsets() throws Exception {
            LocalArchiveStore store = store("partitioned");
            GenerationReport report = OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                    .orders(3_000).partitions(4).recordsPerFile(250).badFraction(0.05).build());
            ArchiveRecount recount = ArchiveRecount.of(store, store.list(""));
            assertThat(recount.asReport()).isEqualTo(report);
            assertThat(recount.copyMismatches).isEmpty();

            Map<SourcePartition, List<ArchiveFile>> originals = new TreeMap<>();
            for (String path : store.list("topics/")) {
                ArchiveFile file = ArchiveFileName.parse(path).orElseThrow();
                assertThat(path).startsWith("topics/" + TOPIC + "/partition=" + file.partition() + "/");
                if (!file.gzip() && file.startOffset() % 250 == 0) {
                    originals.computeIfAbsent(file.topicPartition(), tp -> new ArrayList<>()).add(file);
                }
            }
            assertThat(originals).hasSize(4);
            originals.forEach((tp, files) -> {
                // 0, 250, 500, … up to the last offset: no gap, every file but the last full
                long end = report.endOffsets().get(tp);
                assertThat(files).extracting(ArchiveFile::startOffset)
                        .containsExactlyElementsOf(rangeStep(0, end, 250));
            });
            // copies start inside an original's range (not on a 250 boundary) or are the .gz corrupt ones
            assertThat(report.duplicates()).isPositive();
            assertThat(report.rejected(RejectReason.UNREADABLE_FILE)).isPositive();
        }

        @Test
        void gzipFilesDecompressExceptTheCorruptOnes() throws Exception {
            LocalArchiveStore store = store("gz");
            GenerationReport report = OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                    .orders(3_000).recordsPerFile(500).gzip(true).badFraction(0.01).build());
            long unreadable = 0;
            for (String path : store.list("topics/")) {
                assertThat(path).endsWith(".json.gz");
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(store.read(path)))) {
                    assertThat(in.readAllBytes()).isNotEmpty();
                } catch (java.io.EOFException e) {
                    unreadable++;
                }
            }
            assertThat(unreadable).isEqualTo(report.rejected(RejectReason.UNREADABLE_FILE)).isPositive();
        }
    }

    @Nested
    class Refusals {

        @Test
        void aNonEmptyArchiveIsNotOverwrittenWithoutAppend() throws Exception {
            LocalArchiveStore store = store("twice");
            OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(10).build());

            assertThatThrownBy(
                    () -> OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(10).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(store.root())
                    .hasMessageContaining("already holds a generated archive (10 orders in 1 runs)")
                    .hasMessageContaining("--append");
        }

        @Test
        void aForeignArchiveIsNeitherOverwrittenNorAppendedTo() throws Exception {
            LocalArchiveStore store = store("foreign");
            String foreign = "topics/" + TOPIC + "/partition=0/" + TOPIC + "+0+0000000000.json";
            store.write(foreign, "{}\n".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(
                    () -> OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(10).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not empty")
                    .hasMessageContaining(foreign);
            assertThatThrownBy(() -> OrderArchiveGenerator.generate(store,
                    GeneratorOptions.builder().orders(10).append(true).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot --append")
                    .hasMessageContaining(OrderArchiveGenerator.STATE_FILE)
                    .hasMessageContaining("not written by generate");
        }

        @Test
        void appendToNothingSaysToLeaveItOut() {
            assertThatThrownBy(() -> OrderArchiveGenerator.generate(store("empty"),
                    GeneratorOptions.builder().orders(10).append(true).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("leave out --append to start one");
        }

        @Test
        void badOptionsNameTheOptionAndTheValue() {
            assertThatThrownBy(() -> GeneratorOptions.builder().orders(-1).build()).hasMessageContaining("--orders")
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> GeneratorOptions.builder().partitions(0).build())
                    .hasMessageContaining("--partitions");
            assertThatThrownBy(() -> GeneratorOptions.builder().consumers(0).build())
                    .hasMessageContaining("--consumers");
            assertThatThrownBy(() -> GeneratorOptions.builder().badFraction(1.5).build())
                    .hasMessageContaining("--bad-records");
            assertThatThrownBy(() -> GeneratorOptions.builder().badFraction(Double.NaN).build())
                    .hasMessageContaining("--bad-records");
            assertThatThrownBy(() -> GeneratorOptions.builder().recordsPerFile(0).build())
                    .hasMessageContaining("records per file");
        }
    }

    private static List<Long> rangeStep(long from, long last, long step) {
        List<Long> values = new ArrayList<>();
        for (long v = from; v <= last; v += step) {
            values.add(v);
        }
        return values;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
