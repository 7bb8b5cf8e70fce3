package dev.reproject.cli;

import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.snapshot.SnapshotManifest;

import java.net.URI;
import java.time.Instant;
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
 * @param alias         the view's alias ({@link ViewAlias#unset} before the first promotion)
 * @param served        the rebuild query and serve read now, or why none can be read
 * @param now           when the catalog was read: the times shown are relative to it
 */
record ViewStatus(String view, Optional<URI> snapshotsRoot, List<SnapshotManifest> snapshots, String catalogTable,
                  boolean catalogExists, List<RebuildEntry> rebuilds, String region, ViewAlias alias, Served served,
                  Instant now) {

    ViewStatus {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(snapshotsRoot, "snapshotsRoot");
        snapshots = List.copyOf(snapshots);
        Objects.requireNonNull(catalogTable, "catalogTable");
        rebuilds = List.copyOf(rebuilds);
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(served, "served");
        Objects.requireNonNull(now, "now");
    }

    /**
     * The rebuild served, if any, or the reason the alias cannot be followed.
     *
     * @param id    the rebuild served
     * @param error why the alias cannot be followed (it names a rebuild gone or loading again)
     */
    record Served(Optional<RebuildId> id, Optional<String> error) {

        static Served of(Optional<RebuildId> id) {
            return new Served(id, Optional.empty());
        }

        static Served broken(String error) {
            return new Served(Optional.empty(), Optional.of(error));
        }
    }
}
