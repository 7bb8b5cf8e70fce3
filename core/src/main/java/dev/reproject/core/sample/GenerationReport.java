package dev.reproject.core.sample;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;

import java.util.Map;
import java.util.TreeMap;

/**
 * Exactly what a sample-archive generator wrote in one run, so tests and the demo can check a reader
 * against it.
 *
 * @param files       archive files written (including re-delivered and corrupt copies)
 * @param records     lines written in the files that are not copies
 * @param events      well-formed events written once (handled and unhandled types), by event type
 * @param unhandled   of those, events of types the view does not handle
 * @param duplicates  lines written a second time in re-delivered copies
 * @param rejected    malformed records injected, by reason ({@code unreadable-file} counts files)
 * @param endOffsets  per partition, the offset of the last record written so far (all runs)
 */
public record GenerationReport(long files,
                               long records,
                               Map<String, Long> events,
                               long unhandled,
                               long duplicates,
                               Map<RejectReason, Long> rejected,
                               Map<SourcePartition, Long> endOffsets) {

    public GenerationReport {
        events = Map.copyOf(events);
        rejected = Map.copyOf(rejected);
        endOffsets = Map.copyOf(endOffsets);
    }

    public long totalEvents() {
        return events.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    /** Sorted copies, for printing. */
    public Map<String, Long> eventsSorted() {
        return new TreeMap<>(events);
    }
}
