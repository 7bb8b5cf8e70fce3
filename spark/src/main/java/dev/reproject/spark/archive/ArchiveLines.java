package dev.reproject.spark.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The lines of one archive file, read whole (gunzipped for {@code .json.gz}). */
public final class ArchiveLines {

    private ArchiveLines() {
    }

    /**
     * @param root     the archive root URI
     * @param relative the file's path relative to the root
     * @throws IOException when the file cannot be read or is not valid gzip
     */
    public static List<String> read(String root, String relative, Configuration conf) throws IOException {
        Path path = new Path(root + "/" + relative);
        byte[] bytes;
        try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
            bytes = in.readAllBytes();
        }
        if (relative.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return lines(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Every line counts for offsets; blank lines at the very end are not records. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = end + 1;
        }
        int size = lines.size();
        while (size > 0 && lines.get(size - 1).isBlank()) {
            size--;
        }
        return lines.subList(0, size);
    }
}
