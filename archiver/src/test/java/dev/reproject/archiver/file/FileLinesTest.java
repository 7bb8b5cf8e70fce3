package dev.reproject.archiver.file;

import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.archive.connect.Gzip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileLinesTest {

    private static List<String> split(String content) {
        return FileLines.split(content.getBytes(StandardCharsets.UTF_8)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void everyLineCountsButBlankLinesAtTheEnd() {
        assertThat(split("a\n\nb\n")).containsExactly("a", "", "b");
        assertThat(split("a\nb")).containsExactly("a", "b");
        assertThat(split("a\r\nb\r\n \n\n")).containsExactly("a", "b");
        assertThat(split("")).isEmpty();
        assertThat(split("\n\n")).isEmpty();
    }

    @Test
    void aGzipFileReadsBack(@TempDir Path dir) throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        List<byte[]> lines = List.of("one".getBytes(StandardCharsets.UTF_8), "two".getBytes(StandardCharsets.UTF_8));

        store.write("t+0+0000000000.json.gz", Gzip.compress("one\ntwo\n".getBytes(StandardCharsets.UTF_8), 0));

        assertThat(FileLines.read(store, ArchiveFileName.parse("t+0+0000000000.json.gz").orElseThrow()))
                .containsExactlyElementsOf(lines);
    }

    @Test
    void aCorruptGzipFileIsUnreadable(@TempDir Path dir) throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        byte[] gzip = Gzip.compress(("x".repeat(1000) + "\n").getBytes(StandardCharsets.UTF_8), 0);
        store.write("t+0+0000000000.json.gz", Arrays.copyOf(gzip, gzip.length / 2));

        assertThatThrownBy(() -> FileLines.read(store, ArchiveFileName.parse("t+0+0000000000.json.gz").orElseThrow()))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("t+0+0000000000.json.gz");
    }
}
