package dev.reproject.archiver.file;

import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.event.TopicPartition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's side of the sink: lines collect in an open file that is written whole under its Connect name
 * when it holds {@code recordsPerFile} lines, when the next record's offset does not follow (line {@code i} must
 * be offset {@code start + i}: a compacted topic or a transaction's markers leave holes in Kafka's offsets), and
 * at {@link #finish()}.
 */
public final class PartitionFileWriter {

    private final ArchiveStore store;
    private final TopicPartition tp;
    private final int recordsPerFile;
    private final boolean gzip;
    private final List<String> written = new ArrayList<>();
    private final List<byte[]> open = new ArrayList<>();
    private long openStart;
    private long expected;
    private long records;
    private int gaps;
    private long first = -1;

    /** @param startOffset the position the partition is read from: a first record beyond it is a gap */
    public PartitionFileWriter(ArchiveStore store, TopicPartition tp, int recordsPerFile, boolean gzip, long startOffset) {
        if (recordsPerFile < 1) {
            throw new IllegalArgumentException("records per file must be 1 or more, was " + recordsPerFile);
        }
        if (startOffset < 0) {
            throw new IllegalArgumentException("start offset must be 0 or more, was " + startOffset);
        }
        this.store = store;
        this.tp = tp;
        this.recordsPerFile = recordsPerFile;
        this.gzip = gzip;
        this.expected = startOffset;
    }

    /** Adds the record at {@code offset}, as its archive line; offsets must grow. */
    public void append(long offset, byte[] line) throws IOException {
        if (offset < expected) {
            throw new IllegalStateException(tp + ": offset " + offset + " after " + (expected - 1)
                    + ": records must come in offset order, each once");
        }
        if (offset > expected) {
            gaps++;
            flush();
        }
        if (open.isEmpty()) {
            openStart = offset;
        }
        open.add(line);
        if (first < 0) {
            first = offset;
        }
        expected = offset + 1;
        records++;
        if (open.size() == recordsPerFile) {
            flush();
        }
    }

    /** Writes the open file, if it holds any line. */
    public void finish() throws IOException {
        flush();
    }

    /** The files written so far, as paths relative to the store's root. */
    public List<String> files() {
        return List.copyOf(written);
    }

    public long records() {
        return records;
    }

    /** How often the next record did not follow the previous one (or, for the first, the start position). */
    public int gaps() {
        return gaps;
    }

    /** First to last offset appended; {@link OffsetRange#EMPTY} before the first. */
    public OffsetRange span() {
        return first < 0 ? OffsetRange.EMPTY : new OffsetRange(first, expected - 1);
    }

    private void flush() throws IOException {
        if (open.isEmpty()) {
            return;
        }
        String path = ArchivePaths.file(tp, openStart, gzip);
        store.write(path, FileLines.content(open, gzip));
        written.add(path);
        open.clear();
    }
}
