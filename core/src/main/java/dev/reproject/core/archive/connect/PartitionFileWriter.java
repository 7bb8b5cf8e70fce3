package dev.reproject.core.archive.connect;

import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.event.SourcePartition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One partition's side of Kafka Connect's S3 sink: lines collect in an open file that is written whole, under its
 * Connect name in its layout's directory, when it holds {@code recordsPerFile} lines, when the next record's offset
 * does not follow (line {@code i} must be offset {@code start + i}: a compacted topic or a transaction's markers
 * leave holes in Kafka's offsets), and at {@link #finish()}. The hook hears of every file after it is written.
 *
 * <p>The open file's buffer is reserved once ({@code reservedBytes}) and reused for every file of the partition,
 * so a writer that knows its line lengths rarely grows it.
 */
public final class PartitionFileWriter {

    private final ArchiveStore store;
    private final SourcePartition tp;
    private final FileFormat format;
    private final int reservedBytes;
    private final FileWritten onWritten;
    private final List<String> written = new ArrayList<>();
    private ByteArrayOutputStream open;
    private int openLines;
    private long openStart;
    private long openFirstTime;
    private long expected;
    private long records;
    private int gaps;
    private long first = -1;

    /**
     * @param startOffset   the position the partition is read from: a first record beyond it is a gap
     * @param reservedBytes the open file's initial buffer size
     */
    public PartitionFileWriter(ArchiveStore store, SourcePartition tp, FileFormat format, long startOffset,
                               int reservedBytes, FileWritten onWritten) {
        if (startOffset < 0) {
            throw new IllegalArgumentException("start offset must be 0 or more, was " + startOffset);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.tp = Objects.requireNonNull(tp, "tp");
        this.format = Objects.requireNonNull(format, "format");
        this.reservedBytes = reservedBytes;
        this.onWritten = Objects.requireNonNull(onWritten, "onWritten");
        this.expected = startOffset;
    }

    /**
     * Adds the record at {@code offset}, as its archive line (without its newline); offsets must grow.
     *
     * @param recordMillis the record's time (epoch ms): the first record's places its file in an hourly layout
     */
    public void append(long offset, byte[] line, long recordMillis) throws IOException {
        if (offset < expected) {
            throw new IllegalStateException(tp + ": offset " + offset + " after " + (expected - 1)
                    + ": records must come in offset order, each once");
        }
        if (offset > expected) {
            gaps++;
            flush();
        }
        if (openLines == 0) {
            if (open == null) {
                open = new ByteArrayOutputStream(reservedBytes);
            }
            openStart = offset;
            openFirstTime = recordMillis;
        }
        open.writeBytes(line);
        open.write('\n');
        openLines++;
        if (first < 0) {
            first = offset;
        }
        expected = offset + 1;
        records++;
        if (openLines == format.recordsPerFile()) {
            flush();
        }
    }

    /** Writes the open file, if it holds any line, and frees its buffer. */
    public void finish() throws IOException {
        flush();
        open = null;
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

    /** The offset that follows the last one appended (the start offset before the first). */
    public long nextOffset() {
        return expected;
    }

    private void flush() throws IOException {
        if (openLines == 0) {
            return;
        }
        String directory = format.layout().directory(tp, openFirstTime);
        String path = directory + "/" + ArchiveFileName.format(tp, openStart, format.gzip());
        byte[] raw = open.toByteArray();
        byte[] content = format.gzip() ? Gzip.compress(raw, 0) : raw;
        store.write(path, content);
        written.add(path);
        int lines = openLines;
        open.reset();
        openLines = 0;
        onWritten.written(new WrittenFile(tp, directory, path, openStart, openFirstTime, lines, raw, content));
    }
}
