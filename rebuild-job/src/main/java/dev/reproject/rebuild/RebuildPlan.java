package dev.reproject.rebuild;

import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.spark.archive.ScanSummary;

/**
 * What a rebuild would do, found without writing anything ({@code rebuild --dry-run}).
 *
 * @param table    the target table
 * @param snapshot the snapshot it would load
 * @param scan     the read of the archive beyond the snapshot's watermark: files to open, records, rejects
 * @param load     the items it would write, their bytes, write units and calls
 */
public record RebuildPlan(String table, SnapshotManifest snapshot, ScanSummary scan, PlanFigures load) {
}
