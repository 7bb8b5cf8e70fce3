package dev.reproject.archiver.file;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;

/**
 * The lines of an archive file as the readers count them (CONTRACT.md §3): split at {@code \n}, a final {@code \r}
 * stripped, blank lines at the very end not records. Lines stay bytes, so a record is published as archived.
 */
public final class FileLines {

    private static final Logger log = LoggerFactory.getLogger(FileLines.class);

    private FileLines() {
    }

    /**
     * @throws UnreadableFileException for a {@code .json.gz} file that is not valid gzip
     * @throws IOException              when the store cannot read it
     */
    public static List<byte[]> read(ArchiveStore store, ArchiveFile file) throws IOException {
        byte[] content = store.read(file.path());
        if (file.gzip()) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw new UnreadableFileException(store.root() + "/" + file.path(), e);
            }
        }
        return split(content);
    }

    /**
     * The file's line count, as the readers count them; empty, with a warning logged, for a file that is not
     * valid gzip, which a run skips and reports.
     *
     * @throws IOException when the store cannot read the file
     */
    public static OptionalInt countOrSkip(ArchiveStore store, ArchiveFile file) throws IOException {
        try {
            return OptionalInt.of(read(store, file).size());
        } catch (UnreadableFileException e) {
            log.warn("Skipping an unreadable archive file: {}", e.getMessage());
            return OptionalInt.empty();
        }
    }

    static List<byte[]> split(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        while (start <= content.length) {
            int end = indexOf(content, (byte) '\n', start);
            int stop = end > start && content[end - 1] == '\r' ? end - 1 : end;
            lines.add(Arrays.copyOfRange(content, start, stop));
            start = end + 1;
        }
        int size = lines.size();
        while (size > 0 && new String(lines.get(size - 1), StandardCharsets.UTF_8).isBlank()) {
            size--;
        }
        return new ArrayList<>(lines.subList(0, size));
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }
}
