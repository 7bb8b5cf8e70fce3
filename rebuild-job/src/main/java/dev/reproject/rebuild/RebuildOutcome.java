package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.write.WriteSummary;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.spark.archive.ScanSummary;

/** What a rebuild did: the catalog entry (LOADED, with the handoff), the writes, and the archive read. */
public record RebuildOutcome(RebuildEntry entry, WriteSummary writes, ScanSummary scan, long applied,
                             long duplicates, long skipped, long rejectedByView) {
}
