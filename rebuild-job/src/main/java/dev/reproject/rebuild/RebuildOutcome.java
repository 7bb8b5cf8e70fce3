package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.write.WriteSummary;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.rebuild.imports.ImportLoad;
import dev.reproject.spark.archive.ScanSummary;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rebuild did: the catalog entry (LOADED, with the handoff), the writes, the archive read, the fold, and
 * the records rejected (by the reader or the view), by reason, with where they were written; with {@code --import},
 * the import's files and counts ({@code writes} then counts the items imported, without write calls).
 */
public record RebuildOutcome(RebuildEntry entry, WriteSummary writes, ScanSummary scan, long applied,
                             long duplicates, long skipped, Map<RejectReason, Long> rejected, String rejectedDir,
                             Optional<ImportLoad> imported) {

    public RebuildOutcome {
        rejected = Map.copyOf(rejected);
        Objects.requireNonNull(imported, "imported");
    }

    /** A rebuild that wrote its items with {@code BatchWriteItem}. */
    public RebuildOutcome(RebuildEntry entry, WriteSummary writes, ScanSummary scan, long applied, long duplicates,
                          long skipped, Map<RejectReason, Long> rejected, String rejectedDir) {
        this(entry, writes, scan, applied, duplicates, skipped, rejected, rejectedDir, Optional.empty());
    }

    /** Records rejected by the reader or the view, and items left out as too large. */
    public long totalRejected() {
        return totalRejected(rejected, writes);
    }

    static long totalRejected(Map<RejectReason, Long> rejected, WriteSummary writes) {
        return rejected.values().stream().mapToLong(Long::longValue).sum() + writes.rejected().size();
    }
}
