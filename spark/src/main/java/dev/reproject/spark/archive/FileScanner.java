package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.decode.RecordText;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.reject.RejectedRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads one archive file inside a task, streaming: its lines become event or reject rows with exact offsets (start
 * offset + line index), then one row with its line count. What it holds at a time is one line, whatever the file's
 * size (CONTRACT.md §3.7):
 * <ul>
 * <li>a line longer than {@link RecordText#MAX_BYTES} is one {@code record-too-large} reject;</li>
 * <li>content that cannot be read — bytes that are not valid gzip, a file gone since it was listed — makes the
 * whole file one {@code unreadable-file} reject and a line count of -1 (rows already given for its lines are left
 * out by the reader, since an unreadable file takes no offsets);</li>
 * <li>a failure of the storage under the file (S3 503, connection reset, access or KMS denied) fails the task with
 * an error naming the file: Spark retries the task, and a run that still cannot read it fails, instead of passing
 * the file for a corrupt one.</li>
 * </ul>
 */
final class FileScanner {

    private final String root;
    private final EventuateDecoder decoder;
    private final int maxLineBytes;
    private final int recordFields;
    private final ScanLayout.RecordRows records;

    FileScanner(String root, EventuateDecoder decoder, ScanLayout layout) {
        this(root, decoder, RecordText.MAX_BYTES, layout);
    }

    /** Rows in the {@link ScannedLine#EVENTS} layout. */
    FileScanner(String root, EventuateDecoder decoder, int maxLineBytes) {
        this(root, decoder, maxLineBytes, ScannedLine.EVENTS);
    }

    FileScanner(String root, EventuateDecoder decoder, int maxLineBytes, ScanLayout layout) {
        this.root = root;
        this.decoder = decoder;
        this.maxLineBytes = maxLineBytes;
        this.recordFields = layout.recordFields().length;
        this.records = layout.rows();
    }

    /**
     * The file's rows, read as they are asked for; the file is closed after the last.
     *
     * @throws UncheckedIOException (from the iterator) wrapping an {@link ArchiveLines.SourceException} when the
     *                              storage fails
     */
    Iterator<Row> scan(ArchiveFile file, Configuration conf) {
        return new Rows(file, conf);
    }

    private final class Rows implements Iterator<Row> {
        private final ArchiveFile file;
        private final Configuration conf;
        private final Deque<Row> ready = new ArrayDeque<>(2);
        private ArchiveLines lines;
        private long index;
        private boolean done;

        Rows(ArchiveFile file, Configuration conf) {
            this.file = file;
            this.conf = conf;
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && !done) {
                advance();
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException(file.path());
            }
            return ready.poll();
        }

        private void advance() {
            try {
                if (lines == null) {
                    lines = ArchiveLines.open(root, file.path(), conf, maxLineBytes);
                }
                ArchiveLines.Line line = lines.next();
                if (line == null) {
                    finish(index);
                } else {
                    ready.add(row(line, index++));
                }
            } catch (ArchiveLines.SourceException e) {
                close();
                throw new UncheckedIOException(e.getMessage(), e);
            } catch (FileNotFoundException e) {
                unreadable("gone since it was listed: " + e.getMessage());
            } catch (IOException e) {
                unreadable(e.toString());
            }
        }

        private Row row(ArchiveLines.Line line, long i) {
            long offset = file.startOffset() + i;
            if (line.tooLong()) {
                return ScannedLine.reject(recordFields, file.topic(), file.partition(),
                        new RejectedRecord(file.path(), i, offset,
                                RejectReason.RECORD_TOO_LARGE, RecordText.tooLarge(line.bytes(), maxLineBytes),
                                line.text()));
            }
            DecodeResult result = decoder.decode(line.text(), new SourcePosition(file.topicPartition(), offset));
            if (result instanceof DecodeResult.Decoded decoded) {
                return records.event(file.path(), i, decoded.event(), decoded.payload());
            }
            return ScannedLine.rejected(recordFields, file.path(), file.topic(), file.partition(), offset, i,
                    (DecodeResult.Rejected) result, line.text());
        }

        private void unreadable(String why) {
            ready.add(ScannedLine.reject(recordFields, file.topic(), file.partition(),
                    new RejectedRecord(file.path(), -1, -1,
                            RejectReason.UNREADABLE_FILE, "cannot read " + file.path() + ": " + why, "")));
            finish(-1);
        }

        private void finish(long lineCount) {
            ready.add(ScannedLine.file(recordFields, file.path(), file.topic(), file.partition(), file.startOffset(),
                    lineCount));
            close();
        }

        private void close() {
            done = true;
            if (lines != null) {
                try {
                    lines.close();
                } catch (IOException e) {
                    // everything needed was read; a failing close loses nothing
                }
            }
        }
    }
}
