package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.event.TopicPartition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sink's side: one open file per partition, rotated every {@code recordsPerFile} lines and written
 * whole under its Connect name. Offsets continue from the previous run's; every line takes one.
 */
final class PartitionFiles {

    private final ArchiveStore store;
    private final String topic;
    private final ArchiveLayout layout;
    private final boolean gzip;
    private final int recordsPerFile;
    private final long[] nextOffsets;
    private final OpenFile[] open;
    private final RunTally tally;
    private final FaultyCopies faults; // null: none this run

    /** Bytes to reserve per line of a new file: most lines are shorter, so a file rarely grows its buffer. */
    private static final int LINE_BYTES = 640;
    private static final int MAX_RESERVED = 8 << 20;

    private static final class OpenFile {
        final ByteArrayOutputStream bytes;
        long startOffset;
        long firstEventTime;
        int lines;

        OpenFile(int recordsPerFile) {
            bytes = new ByteArrayOutputStream((int) Math.min(MAX_RESERVED, (long) recordsPerFile * LINE_BYTES));
        }
    }

    PartitionFiles(ArchiveStore store, String topic, ArchiveShape shape, long[] nextOffsets, RunTally tally,
                   FaultyCopies faults) {
        this.store = store;
        this.topic = topic;
        this.layout = shape.layout();
        this.gzip = shape.gzip();
        this.recordsPerFile = shape.recordsPerFile();
        this.nextOffsets = nextOffsets.clone();
        this.open = new OpenFile[shape.partitions()];
        this.tally = tally;
        this.faults = faults;
    }

    /** Appends one line (UTF-8, without its newline) to the partition's open file. */
    void append(int partition, byte[] line, long eventTime) throws IOException {
        OpenFile file = open[partition];
        if (file == null) {
            file = new OpenFile(recordsPerFile);
            file.startOffset = nextOffsets[partition];
            file.firstEventTime = eventTime;
            open[partition] = file;
        }
        file.bytes.writeBytes(line);
        file.bytes.write('\n');
        file.lines++;
        nextOffsets[partition]++;
        tally.record();
        if (file.lines == recordsPerFile) {
            flush(partition);
        }
    }

    /** Writes every open file (Connect flushes at the end of a run too), then the faulty copies owed. */
    void finish() throws IOException {
        for (int p = 0; p < open.length; p++) {
            if (open[p] != null) {
                flush(p);
            }
        }
        if (faults != null) {
            faults.finish();
        }
    }

    long[] nextOffsets() {
        return nextOffsets.clone();
    }

    /** Per partition that has records, the offset of its last one. */
    Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> ends = new TreeMap<>();
        for (int p = 0; p < nextOffsets.length; p++) {
            if (nextOffsets[p] > 0) {
                ends.put(new TopicPartition(topic, p), nextOffsets[p] - 1);
            }
        }
        return ends;
    }

    private void flush(int partition) throws IOException {
        OpenFile file = open[partition];
        open[partition] = null;
        TopicPartition tp = new TopicPartition(topic, partition);
        String dir = layout.directory(tp, file.firstEventTime);
        byte[] raw = file.bytes.toByteArray();
        byte[] content = gzip ? Gzip.compress(raw, 0) : raw;
        store.write(dir + "/" + ArchiveFileName.format(tp, file.startOffset, gzip), content);
        tally.file();
        if (faults != null) {
            faults.afterWrite(new WrittenFile(tp, dir, file.startOffset, file.firstEventTime, file.lines, raw, content));
        }
    }
}
