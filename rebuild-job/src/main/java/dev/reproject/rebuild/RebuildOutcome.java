package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.write.WriteSummary;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.spark.archive.ScanSummary;

import java.util.Map;

/**
 * What a rebuild did: the catalog entry (LOADED, with the handoff), the writes, the archive read, the fold, and
 * the records rejected (by the reader or the view), by reason, with where they were written.
 */
public record RebuildOutcome(RebuildEntry entry, WriteSummary writes, ScanSummary scan, long applied,
                             long duplicates, long skipped, Map<RejectReason, Long> rejected, String rejectedDir) {

    public RebuildOutcome {
        rejected = Map.copyOf(rejected);
    }

    /** Records rejected by the reader or the view, and items left out as too large. */
    public long totalRejected() {
        return totalRejected(rejected, writes);
    }

    static long totalRejected(Map<RejectReason, Long> rejected, WriteSummary writes) {
        return rejected.values().stream().mapToLong(Long::longValue).sum() + writes.rejected().size();
    }
}
