package dev.reproject.orderhistory.generate;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts what one run writes, exactly, for its {@link GenerationReport}. */
final class RunTally {

    private long files;
    private long records;
    private final Map<String, Long> events = new TreeMap<>();
    private long unhandled;
    private long duplicates;
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

    void file() {
        files++;
    }

    void record() {
        records++;
    }

    void event(EventKind kind) {
        events.merge(kind.type(), 1L, Long::sum);
        if (!kind.handled()) {
            unhandled++;
        }
    }

    void duplicates(long lines) {
        duplicates += lines;
    }

    void rejected(RejectReason reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    long records() {
        return records;
    }

    GenerationReport report(Map<SourcePartition, Long> endOffsets) {
        return new GenerationReport(files, records, events, unhandled, duplicates, rejected, endOffsets);
    }
}
