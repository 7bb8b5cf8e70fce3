package dev.reproject.snapshot.prune;

import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.error.RefusedException;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotCounts;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code prune} on a snapshot store in a local directory, with the catalog and leases in memory. */
class SnapshotPrunerTest {

    private static final String VIEW = "order-history";
    private static final SnapshotId S1 = new SnapshotId("20261201T000000.000Z");
    private static final SnapshotId S2 = new SnapshotId("20261202T000000.000Z");
    private static final SnapshotId S3 = new SnapshotId("20261203T000000.000Z");
    private static final SnapshotId S4 = new SnapshotId("20261204T000000.000Z");
    private static final SnapshotId CRASHED = new SnapshotId("20261202T120000.000Z");

    @TempDir
    Path root;

    private final InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.systemUTC());

    @Test
    void deletes_beyond_keep_but_the_snapshot_a_live_table_was_built_from_and_leaves_uncommitted_runs()
            throws Exception {
        SnapshotStore store = storeWith(S1, S2, S3, S4);
        Files.createDirectories(root.resolve(VIEW).resolve(CRASHED.value()).resolve("data"));
        live("orders-a", S2);

        PruneOutcome outcome = pruner(store).prune(VIEW, 2, false);

        assertThat(store.committed(VIEW)).containsExactly(S2, S3, S4);
        assertThat(root.resolve(VIEW).resolve(S1.value())).doesNotExist();
        assertThat(root.resolve(VIEW).resolve(CRASHED.value())).exists();
        assertThat(outcome.deleted()).containsExactly(S1);
        assertThat(outcome.lines()).containsExactly(
                "prune of view order-history's snapshots under " + root.toUri() + ", keeping the newest 2:",
                "  kept     " + S4 + "  among the newest 2",
                "  kept     " + S3 + "  among the newest 2",
                "  kept     " + S2 + "  in use: rebuild orders-a@" + S2 + " is LIVE",
                "  deleted  " + S1);

        // again: only the one in use is beyond --keep now, so nothing can be pruned
        assertThatThrownBy(() -> pruner(store).prune(VIEW, 2, false)).isInstanceOf(RefusedException.class)
                .hasMessageContaining(S2 + " (rebuild orders-a@" + S2 + " is LIVE)");
    }

    @Test
    void when_every_snapshot_beyond_keep_is_in_use_it_is_refused_naming_them_and_deletes_nothing() throws Exception {
        SnapshotStore store = storeWith(S1, S2, S3);
        live("orders-a", S1);

        assertThatThrownBy(() -> pruner(store).prune(VIEW, 2, false)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("every snapshot beyond --keep 2 is one a rebuild still needs: " + S1
                        + " (rebuild orders-a@" + S1 + " is LIVE)");
        assertThat(store.committed(VIEW)).containsExactly(S1, S2, S3);
    }

    @Test
    void a_dry_run_names_what_it_would_delete_and_deletes_nothing() throws Exception {
        SnapshotStore store = storeWith(S1, S2, S3);

        PruneOutcome outcome = pruner(store).prune(VIEW, 1, true);

        assertThat(outcome.deleted()).containsExactly(S1, S2);
        assertThat(outcome.lines()).contains("  to delete " + S1, "  to delete " + S2);
        assertThat(store.committed(VIEW)).containsExactly(S1, S2, S3);
    }

    private SnapshotPruner pruner(SnapshotStore store) {
        return new SnapshotPruner(store, catalog, Leasing.inProcess(Clock.systemUTC()));
    }

    private SnapshotStore storeWith(SnapshotId... ids) throws Exception {
        SnapshotStore store = new SnapshotStore(root.toUri(), new Configuration());
        for (SnapshotId id : ids) {
            Path data = root.resolve(VIEW).resolve(id.value()).resolve(SnapshotManifest.DATA_DIR);
            Files.createDirectories(data);
            Files.writeString(data.resolve("part-0.parquet"), "rows");
            store.commit(new SnapshotManifest(id, VIEW, "fingerprint", Optional.empty(), id.time(), "archive",
                    new ArchivePosition(Watermark.empty(), Map.of()), List.of(),
                    new SnapshotCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0), SnapshotManifest.DATA_DIR,
                    SnapshotManifest.REJECTED_DIR));
        }
        return store;
    }

    private void live(String table, SnapshotId snapshot) {
        RebuildId id = RebuildId.of(table, snapshot);
        catalog.begin(RebuildEntry.loading(id, VIEW, "archive", Watermark.empty(), Instant.now()));
        catalog.markLoaded(id, Map.of(), Watermark.empty());
        catalog.updateLive(id, Map.of());
    }
}
