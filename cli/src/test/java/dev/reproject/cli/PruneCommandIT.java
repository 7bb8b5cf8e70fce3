package dev.reproject.cli;

import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotCounts;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reproject prune} over hand-made snapshots in a local directory and a catalog on dynalite. */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class PruneCommandIT {

    private static final String VIEW = "order-history";
    private static final SourcePartition P0 = new SourcePartition("net.chrisrichardson.ftgo.orderservice.domain.Order",
            0);
    private static final SnapshotId S1 = new SnapshotId("20261201T000000.000Z");
    private static final SnapshotId S2 = new SnapshotId("20261202T000000.000Z");
    private static final SnapshotId S3 = new SnapshotId("20261203T000000.000Z");
    private static final SnapshotId S4 = new SnapshotId("20261204T000000.000Z");

    private static LocalServers servers;
    private static LiveTable tables;

    @BeforeAll
    static void start(LocalServers localServers) {
        servers = localServers;
        tables = new LiveTable(servers);
    }

    @AfterAll
    static void stop() {
        if (tables != null) {
            tables.close();
        }
    }

    @Test
    void prunes_beyond_keep_but_what_a_live_rebuild_was_built_from_then_refuses_when_only_that_is_left(
                                                                                                       @TempDir Path dir)
            throws Exception {
        SnapshotStore store = new SnapshotStore(dir.toUri(), new Configuration());
        for (SnapshotId id : List.of(S1, S2, S3, S4)) {
            commit(store, dir, id);
        }
        String table = "catalog-" + Long.toHexString(System.nanoTime());
        DynamoCatalog catalog = new DynamoCatalog(tables.client(), table, Clock.systemUTC());
        RebuildId live = RebuildId.of("orders-a", S2);
        catalog.begin(RebuildEntry.loading(live, VIEW, "archive", Watermark.empty(), Instant.now()));
        catalog.markLoaded(live, Map.of(), Watermark.of(Map.of(P0, 9L)));
        catalog.updateLive(live, Map.of(P0, new LivePosition(10, 0)));

        CliRun pruned = prune(dir, table, "--keep", "2");

        assertThat(pruned.exitCode()).as(pruned.err()).isZero();
        assertThat(pruned.out()).contains("  kept     " + S2 + "  in use: rebuild orders-a@" + S2 + " is LIVE")
                .contains("  deleted  " + S1);
        assertThat(store.committed(VIEW)).containsExactly(S2, S3, S4);
        assertThat(dir.resolve(VIEW).resolve(S1.value())).doesNotExist();

        CliRun refused = prune(dir, table, "--keep", "2");

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(8);
        assertThat(refused.err()).contains("refusing to prune view order-history's snapshots")
                .contains(S2 + " (rebuild orders-a@" + S2 + " is LIVE)");
        assertThat(store.committed(VIEW)).containsExactly(S2, S3, S4);

        CliRun noCatalog = prune(dir, table + "-mistyped", "--keep", "1");
        assertThat(noCatalog.exitCode()).isEqualTo(4);
        assertThat(noCatalog.err()).contains("no catalog table " + table + "-mistyped");
        assertThat(store.committed(VIEW)).containsExactly(S2, S3, S4);
    }

    private static CliRun prune(Path dir, String catalogTable, String... more) {
        String[] args = new String[7 + more.length];
        args[0] = "prune";
        args[1] = "--dynamodb-endpoint";
        args[2] = servers.dynamoDbEndpoint().toString();
        args[3] = "--snapshots";
        args[4] = dir.toString();
        args[5] = "--catalog-table";
        args[6] = catalogTable;
        System.arraycopy(more, 0, args, 7, more.length);
        return CliRun.run(Map.of("REPROJECT_REGION", servers.region()), args);
    }

    private static void commit(SnapshotStore store, Path dir, SnapshotId id) throws Exception {
        Path data = dir.resolve(VIEW).resolve(id.value()).resolve(SnapshotManifest.DATA_DIR);
        Files.createDirectories(data);
        Files.writeString(data.resolve("part-0.parquet"), "rows");
        store.commit(new SnapshotManifest(id, VIEW, "fingerprint", Optional.empty(), id.time(), "archive",
                new ArchivePosition(Watermark.of(Map.of(P0, 9L)), Map.of()), List.of(),
                new SnapshotCounts(1, 0, 1, 10, 10, 10, 0, 0, 0, 0, Map.of(), 5), SnapshotManifest.DATA_DIR,
                SnapshotManifest.REJECTED_DIR));
    }
}
