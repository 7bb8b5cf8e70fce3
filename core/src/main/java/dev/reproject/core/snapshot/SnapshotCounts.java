package dev.reproject.core.snapshot;

import dev.reproject.core.reject.RejectReason;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one snapshot run did.
 *
 * @param filesListed      archive files of the view's topics
 * @param filesCovered     not opened: nothing in them lies beyond the parent's watermark
 * @param filesOpened      read whole
 * @param records          lines taken (each offset once)
 * @param events           of those, decoded events
 * @param applied          events that changed an item
 * @param skipped          events of types the view does not handle
 * @param duplicateRecords lines at offsets already taken (re-delivered copies, straddling files)
 * @param duplicateEvents  events whose ID was not beyond their aggregate's marker
 * @param deferred         lines beyond a hole, left for a later run
 * @param rejected         rejected records by reason ({@code unreadable-file} counts files)
 * @param items            rows (view keys) in the snapshot
 */
public record SnapshotCounts(long filesListed,
                             long filesCovered,
                             long filesOpened,
                             long records,
                             long events,
                             long applied,
                             long skipped,
                             long duplicateRecords,
                             long duplicateEvents,
                             long deferred,
                             Map<RejectReason, Long> rejected,
                             long items) {

    public SnapshotCounts {
        EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
        copy.putAll(rejected);
        rejected = Collections.unmodifiableMap(copy);
    }

    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    public long totalRejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
