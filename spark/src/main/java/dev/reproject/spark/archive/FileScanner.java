package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.reject.RejectedRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one archive file whole, inside a task: its lines become event or reject rows with exact offsets
 * (start offset + line index), plus one row with its line count. A file that cannot be read at all — a
 * corrupt gzip, a file gone since listing — becomes one {@code unreadable-file} reject and a line count of
 * -1, never a failed task.
 */
final class FileScanner {

    private final String root;
    private final EventuateDecoder decoder;

    FileScanner(String root, EventuateDecoder decoder) {
        this.root = root;
        this.decoder = decoder;
    }

    List<Row> scan(ArchiveFile file, Configuration conf) {
        List<String> lines;
        try {
            lines = ArchiveLines.read(root, file.path(), conf);
        } catch (IOException | RuntimeException e) {
            List<Row> rows = new ArrayList<>(2);
            rows.add(ScannedLine.reject(file.topic(), file.partition(), new RejectedRecord(file.path(), -1, -1,
                    RejectReason.UNREADABLE_FILE, "cannot read " + file.path() + ": " + e, "")));
            rows.add(ScannedLine.file(file.path(), file.topic(), file.partition(), file.startOffset(), -1));
            return rows;
        }
        List<Row> rows = new ArrayList<>(lines.size() + 1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            long offset = file.startOffset() + i;
            SourcePosition source = new SourcePosition(file.topicPartition(), offset);
            DecodeResult result = decoder.decode(line, source);
            if (result instanceof DecodeResult.Decoded decoded) {
                rows.add(ScannedLine.event(file.path(), i, decoded.event()));
            } else {
                rows.add(ScannedLine.rejected(file.path(), file.topic(), file.partition(), offset, i,
                        (DecodeResult.Rejected) result, line));
            }
        }
        rows.add(ScannedLine.file(file.path(), file.topic(), file.partition(), file.startOffset(), lines.size()));
        return rows;
    }
}
