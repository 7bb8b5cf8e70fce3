package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.event.SourcePartition;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One file's rows, on the local file system (and a faulty one that fails as S3 does): content errors make the file
 * unreadable, storage errors fail the scan naming the file, an over-long line is one reject, and memory does not
 * follow the file's size.
 */
class FileScannerTest {

    private static final SourcePartition TP = new SourcePartition(Lines.TOPIC, 0);
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    @Test
    void aLineLongerThanTheLimitIsOneRecordTooLargeReject_andTheLinesAroundItAreRead() throws IOException {
        String longLine = "x".repeat(5000);
        ArchiveFile file = write(100, lines(Lines.event(0, "1"), longLine, Lines.event(1, "2")), false);

        List<Row> rows = scan(file, 2048, new Configuration());

        assertThat(rows).hasSize(4);
        assertEvent(rows.get(0), 0, 100);
        assertReject(rows.get(1), 1, 101, "record-too-large");
        assertThat(text(rows.get(1), "detail"))
                .isEqualTo("the record is 5000 bytes long; at most 2048 "
                        + "bytes are read");
        assertThat(text(rows.get(1), "raw"))
                .isEqualTo("x".repeat(ArchiveLines.TOO_LONG_PREFIX));
        assertEvent(rows.get(2), 2, 102);
        assertFileRow(rows.get(3), 3);
    }

    @Test
    void aGzipBombWithoutLineBreaksIsOneReject_readWithoutHoldingIt() throws IOException {
        // 64 MiB of one byte: a few hundred KB compressed; held whole it would be 64 MiB of bytes and 128 of text
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'a');
            for (int i = 0; i < 64; i++) {
                gz.write(block);
            }
        }
        ArchiveFile file = writeBytes(0, bytes.toByteArray(), true);

        List<Row> rows = scan(file, 1 << 20, new Configuration());

        assertThat(rows).hasSize(2);
        assertReject(rows.get(0), 0, 0, "record-too-large");
        assertThat(text(rows.get(0), "detail"))
                .startsWith("the record is " + (64L << 20) + " bytes long");
        assertFileRow(rows.get(1), 1);
    }

    @Test
    void bytesThatAreNotGzipMakeTheFileUnreadable() throws IOException {
        ArchiveFile file = writeBytes(0, "not gzip at all\n".getBytes(StandardCharsets.UTF_8), true);

        List<Row> rows = scan(file, 1 << 20, new Configuration());

        assertThat(rows).hasSize(2);
        assertReject(rows.get(0), -1, -1, "unreadable-file");
        assertFileRow(rows.get(1), -1);
    }

    @Test
    void aTruncatedGzipMakesTheFileUnreadable_evenAfterItsFirstLinesWereGiven() throws IOException {
        List<String> many = Lines.events(0, 2000);
        byte[] gz = Lines.gzip((String.join("\n", many) + "\n").getBytes(StandardCharsets.UTF_8));
        ArchiveFile file = writeBytes(0, Lines.truncated(gz), true);

        List<Row> rows = scan(file, 1 << 20, new Configuration());

        Row last = rows.get(rows.size() - 1);
        assertFileRow(last, -1);
        assertReject(rows.get(rows.size() - 2), -1, -1, "unreadable-file");
        assertThat(rows.size() - 2).as("event rows given before the damage").isLessThan(2000);
    }

    @Test
    void aFileGoneSinceItWasListedIsUnreadable() {
        ArchiveFile file = new ArchiveFile(dir() + "/" + ArchiveFileName.format(TP, 0, false), TP, 0, false);

        List<Row> rows = scan(file, 1 << 20, new Configuration());

        assertThat(rows).hasSize(2);
        assertReject(rows.get(0), -1, -1, "unreadable-file");
        assertThat(text(rows.get(0), "detail")).contains("gone since it was listed");
        assertFileRow(rows.get(1), -1);
    }

    @Test
    void aStoreThatRefusesTheFileFailsTheScanNamingTheFileAndTheCause() throws IOException {
        ArchiveFile file = writeAs("refused", lines(Lines.event(0, "1")));
        FileScanner scanner = scanner("faulty://" + root, 1 << 20);

        Iterator<Row> rows = scanner.scan(file, FaultyFileSystem.configuration());

        assertThatThrownBy(rows::hasNext).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot open " + file.path()).hasMessageContaining("AccessDenied");
    }

    @Test
    void aConnectionResetInTheMiddleFailsTheScan_insteadOfPassingTheFile() throws IOException {
        ArchiveFile file = writeAs("reset", Lines.events(0, 20));
        Iterator<Row> rows = scanner("faulty://" + root, 1 << 20).scan(file, FaultyFileSystem.configuration());

        assertThatThrownBy(() -> rows.forEachRemaining(row -> {
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot read " + file.path())
                .hasMessageContaining("Connection reset");
    }

    @Test
    void bytesThatAreNotUtf8AreReadWithReplacementCharacters() throws IOException {
        String event = Lines.event(0, "1");
        byte[] text = event.getBytes(StandardCharsets.UTF_8);
        // the aggregate id "1" becomes 0xFF 'b': still one line, not UTF-8
        String marker = "\"event-aggregate-id\":\"1\"";
        int at = event.indexOf(marker) + marker.length() - 2;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(text, 0, at);
        bytes.write(new byte[]{(byte) 0xff, 'b'});
        bytes.write(text, at + 1, text.length - at - 1);
        bytes.write('\n');
        ArchiveFile file = writeBytes(0, bytes.toByteArray(), false);

        List<Row> rows = scan(file, 1 << 20, new Configuration());

        assertEvent(rows.get(0), 0, 0);
        assertThat(text(rows.get(0), "aggregateId")).isEqualTo("\uFFFDb");
    }

    private List<Row> scan(ArchiveFile file, int maxLineBytes, Configuration conf) {
        List<Row> rows = new ArrayList<>();
        scanner(root.toUri().toString(), maxLineBytes).scan(file, conf).forEachRemaining(rows::add);
        return rows;
    }

    /** The rows carry no schema of their own: fields by {@link ScannedLine#SCHEMA}. */
    private static String text(Row row, String name) {
        return (String) row.get(ScannedLine.SCHEMA.fieldIndex(name));
    }

    private static Long number(Row row, String name) {
        return (Long) row.get(ScannedLine.SCHEMA.fieldIndex(name));
    }

    private static FileScanner scanner(String rootUri, int maxLineBytes) {
        return new FileScanner(rootUri, new EventuateDecoder(NOW), maxLineBytes);
    }

    private static void assertEvent(Row row, long line, long offset) {
        assertThat(text(row, "kind")).isEqualTo(ScannedLine.EVENT);
        assertThat(number(row, "line")).isEqualTo(line);
        assertThat(number(row, "offset")).isEqualTo(offset);
    }

    private static void assertReject(Row row, long line, long offset, String reason) {
        assertThat(text(row, "kind")).isEqualTo(ScannedLine.REJECT);
        assertThat(number(row, "line")).isEqualTo(line);
        assertThat(number(row, "offset")).isEqualTo(offset);
        assertThat(text(row, "reason")).isEqualTo(reason);
    }

    private static void assertFileRow(Row row, long lineCount) {
        assertThat(text(row, "kind")).isEqualTo(ScannedLine.FILE);
        assertThat(number(row, "lineCount")).isEqualTo(lineCount);
    }

    private static String dir() {
        return "topics/" + TP.topic() + "/partition=" + TP.partition();
    }

    private static List<String> lines(String... lines) {
        return List.of(lines);
    }

    private ArchiveFile write(long start, List<String> lines, boolean gzip) throws IOException {
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return writeBytes(start, gzip ? Lines.gzip(text) : text, gzip);
    }

    private ArchiveFile writeBytes(long start, byte[] content, boolean gzip) throws IOException {
        String path = dir() + "/" + ArchiveFileName.format(TP, start, gzip);
        Files.createDirectories(root.resolve(dir()));
        Files.write(root.resolve(path), content);
        return new ArchiveFile(path, TP, start, gzip);
    }

    /** A file whose name holds {@code fault}, for {@link FaultyFileSystem}. */
    private ArchiveFile writeAs(String fault, List<String> lines) throws IOException {
        String path = dir() + "/" + fault + "-" + ArchiveFileName.format(TP, 0, false);
        Files.createDirectories(root.resolve(dir()));
        Files.writeString(root.resolve(path), String.join("\n", lines) + "\n");
        return new ArchiveFile(path, TP, 0, false);
    }
}
