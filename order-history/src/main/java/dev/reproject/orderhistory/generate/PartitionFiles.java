package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.connect.PartitionFileWriter;
import dev.reproject.core.event.SourcePartition;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sink's side: one core {@link PartitionFileWriter} per partition. Offsets continue from the previous run's;
 * every line takes the next one. Every file written is counted, then offered to the run's faulty copies.
 */
final class PartitionFiles {

    /** Bytes to reserve per line of a file: most lines are shorter, so a file rarely grows its buffer. */
    private static final int LINE_BYTES = 640;
    private static final int MAX_RESERVED = 8 << 20;

    private final String topic;
    private final PartitionFileWriter[] writers;
    private final RunTally tally;
    private final FaultyCopies faults; // null: none this run

    PartitionFiles(ArchiveStore store, String topic, ArchiveShape shape, long[] nextOffsets, RunTally tally,
                   FaultyCopies faults) {
        this.topic = topic;
        this.tally = tally;
        this.faults = faults;
        int reserved = (int) Math.min(MAX_RESERVED, (long) shape.recordsPerFile() * LINE_BYTES);
        this.writers = new PartitionFileWriter[shape.partitions()];
        for (int p = 0; p < writers.length; p++) {
            writers[p] = new PartitionFileWriter(store, new SourcePartition(topic, p), shape.fileFormat(),
                    nextOffsets[p], reserved, file -> {
                        tally.file();
                        if (faults != null) {
                            faults.afterWrite(file);
                        }
                    });
        }
    }

    /** Appends one line (UTF-8, without its newline) to the partition's open file, at its next offset. */
    void append(int partition, byte[] line, long eventTime) throws IOException {
        PartitionFileWriter writer = writers[partition];
        writer.append(writer.nextOffset(), line, eventTime);
        tally.record();
    }

    /** Writes every open file (Connect flushes at the end of a run too), then the faulty copies owed. */
    void finish() throws IOException {
        for (PartitionFileWriter writer : writers) {
            writer.finish();
        }
        if (faults != null) {
            faults.finish();
        }
    }

    long[] nextOffsets() {
        long[] next = new long[writers.length];
        for (int p = 0; p < writers.length; p++) {
            next[p] = writers[p].nextOffset();
        }
        return next;
    }

    /** Per partition that has records, the offset of its last one. */
    Map<SourcePartition, Long> endOffsets() {
        Map<SourcePartition, Long> ends = new TreeMap<>();
        long[] next = nextOffsets();
        for (int p = 0; p < next.length; p++) {
            if (next[p] > 0) {
                ends.put(new SourcePartition(topic, p), next[p] - 1);
            }
        }
        return ends;
    }
}
