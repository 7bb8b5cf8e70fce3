package dev.reproject.core.archive.connect;

import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.event.SourcePartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionFileWriterTest {

    private static final SourcePartition TP = new SourcePartition("ftgo.Order", 3);
    private static final String DIR = "topics/ftgo.Order/partition=3/";
    /** 2026-11-30T09:59:59.999Z and a millisecond later. */
    private static final long BEFORE_TEN = 1_796_032_799_999L;
    private static final long AT_TEN = 1_796_032_800_000L;

    @TempDir
    Path dir;
    private LocalArchiveStore store;
    private final List<WrittenFile> written = new ArrayList<>();

    @BeforeEach
    void store() {
        store = new LocalArchiveStore(dir.toString());
    }

    private PartitionFileWriter writer(ArchiveLayout layout, int recordsPerFile, boolean gzip, long startOffset) {
        return new PartitionFileWriter(store, TP, new FileFormat(layout, gzip, recordsPerFile), startOffset, 16,
                written::add);
    }

    private PartitionFileWriter writer(int recordsPerFile, boolean gzip, long startOffset) {
        return writer(ArchiveLayout.PARTITION, recordsPerFile, gzip, startOffset);
    }

    private static byte[] line(long offset) {
        return ("r" + offset).getBytes(StandardCharsets.UTF_8);
    }

    /** Appends line {@code r<offset>} at each offset, all at time 0. */
    private static void append(PartitionFileWriter writer, long... offsets) throws IOException {
        for (long offset : offsets) {
            writer.append(offset, line(offset), 0);
        }
    }

    private String file(String path) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(path));
        if (path.endsWith(".gz")) {
            bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The writer wrote exactly these files of its partition's directory, in the order of their names, as given. */
    private void assertFiles(PartitionFileWriter writer, Map<String, String> contentByName) throws IOException {
        Map<String, String> sorted = new TreeMap<>(contentByName);
        assertThat(writer.files()).containsExactlyElementsOf(sorted.keySet().stream().map(name -> DIR + name).toList());
        for (Map.Entry<String, String> file : sorted.entrySet()) {
            assertThat(file(DIR + file.getKey())).isEqualTo(file.getValue());
        }
    }

    @Test
    void filesRollEveryNRecordsAndTheLastIsWrittenAtFinish() throws IOException {
        PartitionFileWriter writer = writer(3, false, 10);
        append(writer, 10, 11, 12, 13, 14, 15, 16);
        assertThat(writer.files()).hasSize(2); // the third is still open

        writer.finish();

        assertFiles(writer, Map.of(
                "ftgo.Order+3+0000000010.json", "r10\nr11\nr12\n",
                "ftgo.Order+3+0000000013.json", "r13\nr14\nr15\n",
                "ftgo.Order+3+0000000016.json", "r16\n"));
        assertThat(writer.records()).isEqualTo(7);
        assertThat(writer.gaps()).isZero();
        assertThat(writer.span()).isEqualTo(new OffsetRange(10, 16));
        assertThat(writer.nextOffset()).isEqualTo(17);
    }

    @Test
    void aHoleInTheOffsetsStartsANewFileAtTheNextRecord() throws IOException {
        PartitionFileWriter writer = writer(1000, true, 0);
        append(writer, 0, 1, 2, 5, 6, 9);
        writer.finish();

        assertThat(writer.gaps()).isEqualTo(2);
        assertThat(writer.span()).isEqualTo(new OffsetRange(0, 9));
        assertFiles(writer, Map.of(
                "ftgo.Order+3+0000000000.json.gz", "r0\nr1\nr2\n",
                "ftgo.Order+3+0000000005.json.gz", "r5\nr6\n",
                "ftgo.Order+3+0000000009.json.gz", "r9\n"));
    }

    @Test
    void aFirstRecordBeyondTheStartPositionIsAGapToo() throws IOException {
        PartitionFileWriter writer = writer(10, false, 100);
        writer.append(104, line(104), 0);
        writer.finish();

        assertThat(writer.files()).containsExactly(DIR + "ftgo.Order+3+0000000104.json");
        assertThat(writer.gaps()).isEqualTo(1);
    }

    @Test
    void nothingAppendedWritesNothing() throws IOException {
        PartitionFileWriter writer = writer(10, false, 5);
        writer.finish();

        assertThat(writer.files()).isEmpty();
        assertThat(writer.span()).isEqualTo(OffsetRange.EMPTY);
        assertThat(writer.nextOffset()).isEqualTo(5);
        assertThat(store.list("")).isEmpty();
        assertThat(written).isEmpty();
    }

    @Test
    void offsetsMustGrow() throws IOException {
        PartitionFileWriter writer = writer(10, false, 0);
        writer.append(0, line(0), 0);
        writer.append(1, line(1), 0);

        assertThatThrownBy(() -> writer.append(1, line(1), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ftgo.Order-3").hasMessageContaining("offset 1 after 1");
    }

    @Test
    void contentIsEveryLineWithItsNewline() throws IOException {
        PartitionFileWriter writer = writer(10, false, 0);
        writer.append(0, "one".getBytes(StandardCharsets.UTF_8), 0);
        writer.append(1, "two".getBytes(StandardCharsets.UTF_8), 0);
        writer.finish();

        assertThat(file(DIR + "ftgo.Order+3+0000000000.json")).isEqualTo("one\ntwo\n");
    }

    @Test
    void hourlyFilesGoUnderTheHourOfTheirFirstRecord() throws IOException {
        PartitionFileWriter writer = writer(ArchiveLayout.HOURLY, 2, false, 0);
        writer.append(0, line(0), BEFORE_TEN);
        writer.append(1, line(1), AT_TEN);
        writer.append(2, line(2), AT_TEN);
        writer.finish();

        assertThat(writer.files()).containsExactly(
                "topics/ftgo.Order/year=2026/month=11/day=30/hour=09/ftgo.Order+3+0000000000.json",
                "topics/ftgo.Order/year=2026/month=11/day=30/hour=10/ftgo.Order+3+0000000002.json");
        assertThat(file(writer.files().get(0))).isEqualTo("r0\nr1\n");
    }

    @Test
    void theHookHearsOfEveryFileAfterItIsWritten() throws IOException {
        PartitionFileWriter writer = new PartitionFileWriter(store, TP, new FileFormat(ArchiveLayout.PARTITION,
                true, 2), 7, 0, file -> {
                    assertThat(store.exists(file.path())).isTrue();
                    written.add(file);
                });
        for (long offset = 7; offset < 10; offset++) {
            writer.append(offset, line(offset), 1000 + offset);
        }
        writer.finish();

        assertThat(written).extracting(WrittenFile::path).containsExactly(
                DIR + "ftgo.Order+3+0000000007.json.gz", DIR + "ftgo.Order+3+0000000009.json.gz");
        WrittenFile first = written.get(0);
        assertThat(first.tp()).isEqualTo(TP);
        assertThat(first.directory()).isEqualTo("topics/ftgo.Order/partition=3");
        assertThat(first.startOffset()).isEqualTo(7);
        assertThat(first.firstRecordTime()).isEqualTo(1007);
        assertThat(first.lines()).isEqualTo(2);
        assertThat(new String(first.raw(), StandardCharsets.UTF_8)).isEqualTo("r7\nr8\n");
        assertThat(first.content()).isEqualTo(Files.readAllBytes(dir.resolve(first.path())));
        assertThat(first.lineStart(0)).isZero();
        assertThat(first.lineStart(1)).isEqualTo(3);
        assertThat(written.get(1).lines()).isEqualTo(1);
    }

    @Test
    void aFormatNeedsOneRecordPerFileAtLeast() {
        assertThatThrownBy(() -> new FileFormat(ArchiveLayout.PARTITION, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    }
}
