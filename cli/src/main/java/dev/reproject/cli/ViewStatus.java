package dev.reproject.cli;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.snapshot.SnapshotManifest;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code status} found for a view.
 *
 * @param view          the view's name
 * @param snapshotsRoot where its snapshots were looked for, if the user said
 * @param snapshots     its committed snapshots there, oldest first
 * @param catalogTable  the catalog table's name
 * @param catalogExists whether that table exists
 * @param rebuilds      the view's entries in it, by id
 * @param region        the region the catalog (and s3a) were read in
 */
record ViewStatus(String view, Optional<URI> snapshotsRoot, List<SnapshotManifest> snapshots, String catalogTable,
                  boolean catalogExists, List<RebuildEntry> rebuilds, String region) {

    ViewStatus {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(snapshotsRoot, "snapshotsRoot");
        snapshots = List.copyOf(snapshots);
        Objects.requireNonNull(catalogTable, "catalogTable");
        rebuilds = List.copyOf(rebuilds);
        Objects.requireNonNull(region, "region");
    }
}
