package dev.reproject.archiver.file;

import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.event.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionFileWriterTest {

    private static final TopicPartition TP = new TopicPartition("ftgo.Order", 3);
    private static final String DIR = "topics/ftgo.Order/partition=3/";

    @TempDir
    Path dir;
    private LocalArchiveStore store;

    @BeforeEach
    void store() {
        store = new LocalArchiveStore(dir.toString());
    }

    private static byte[] line(long offset) {
        return ("r" + offset).getBytes(StandardCharsets.UTF_8);
    }

    private String file(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(DIR + name));
        if (name.endsWith(".gz")) {
            bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void filesRollEveryNRecordsAndTheLastIsWrittenAtFinish() throws IOException {
        PartitionFileWriter writer = new PartitionFileWriter(store, TP, 3, false, 10);
        for (long offset = 10; offset < 17; offset++) {
            writer.append(offset, line(offset));
        }
        assertThat(writer.files()).hasSize(2); // the third is still open

        writer.finish();

        assertThat(writer.files()).containsExactly(
                DIR + "ftgo.Order+3+0000000010.json",
                DIR + "ftgo.Order+3+0000000013.json",
                DIR + "ftgo.Order+3+0000000016.json");
        assertThat(file("ftgo.Order+3+0000000010.json")).isEqualTo("r10\nr11\nr12\n");
        assertThat(file("ftgo.Order+3+0000000013.json")).isEqualTo("r13\nr14\nr15\n");
        assertThat(file("ftgo.Order+3+0000000016.json")).isEqualTo("r16\n");
        assertThat(writer.records()).isEqualTo(7);
        assertThat(writer.gaps()).isZero();
        assertThat(writer.span()).isEqualTo(new OffsetRange(10, 16));
    }

    @Test
    void aHoleInTheOffsetsStartsANewFileAtTheNextRecord() throws IOException {
        PartitionFileWriter writer = new PartitionFileWriter(store, TP, 1000, true, 0);
        for (long offset : new long[] {0, 1, 2, 5, 6, 9}) {
            writer.append(offset, line(offset));
        }
        writer.finish();

        assertThat(writer.files()).containsExactly(
                DIR + "ftgo.Order+3+0000000000.json.gz",
                DIR + "ftgo.Order+3+0000000005.json.gz",
                DIR + "ftgo.Order+3+0000000009.json.gz");
        assertThat(file("ftgo.Order+3+0000000000.json.gz")).isEqualTo("r0\nr1\nr2\n");
        assertThat(file("ftgo.Order+3+0000000005.json.gz")).isEqualTo("r5\nr6\n");
        assertThat(file("ftgo.Order+3+0000000009.json.gz")).isEqualTo("r9\n");
        assertThat(writer.gaps()).isEqualTo(2);
        assertThat(writer.span()).isEqualTo(new OffsetRange(0, 9));
    }

    @Test
    void aFirstRecordBeyondTheStartPositionIsAGapToo() throws IOException {
        PartitionFileWriter writer = new PartitionFileWriter(store, TP, 10, false, 100);
        writer.append(104, line(104));
        writer.finish();

        assertThat(writer.files()).containsExactly(DIR + "ftgo.Order+3+0000000104.json");
        assertThat(writer.gaps()).isEqualTo(1);
    }

    @Test
    void nothingAppendedWritesNothing() throws IOException {
        PartitionFileWriter writer = new PartitionFileWriter(store, TP, 10, false, 5);
        writer.finish();

        assertThat(writer.files()).isEmpty();
        assertThat(writer.span()).isEqualTo(OffsetRange.EMPTY);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void offsetsMustGrow() throws IOException {
        PartitionFileWriter writer = new PartitionFileWriter(store, TP, 10, false, 0);
        writer.append(0, line(0));
        writer.append(1, line(1));

        assertThatThrownBy(() -> writer.append(1, line(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ftgo.Order-3").hasMessageContaining("offset 1 after 1");
    }
}
