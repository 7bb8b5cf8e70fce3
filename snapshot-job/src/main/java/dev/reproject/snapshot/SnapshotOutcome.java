package dev.reproject.snapshot;

import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.spark.archive.ScanSummary;

/** How a snapshot run ended. */
public sealed interface SnapshotOutcome {

    /** A new snapshot was committed. */
    record Committed(SnapshotManifest manifest) implements SnapshotOutcome {
    }

    /** Nothing was archived beyond the latest snapshot: nothing was committed. */
    record NothingNew(SnapshotManifest latest, ScanSummary scan) implements SnapshotOutcome {
    }
}
