package dev.reproject.cli;

import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.error.BusyException;
import dev.reproject.core.lease.LeaseStore;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.live.LiveOptions;
import dev.reproject.live.LiveOutcome;
import dev.reproject.live.LiveRun;
import dev.reproject.live.LiveRuns;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.rebuild.DynamoTarget;
import dev.reproject.rebuild.RebuildJob;
import dev.reproject.rebuild.RebuildOutcome;
import dev.reproject.rebuild.RebuildRequest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The races of issue 11, on dynalite and Kafka with the leases kept in a real catalog table: two rebuilds of one
 * table started together, two snapshot runs started together, a rebuild started while live runs. Each time exactly
 * one proceeds; the other is refused busy and writes nothing; what the one that proceeded wrote is complete.
 *
 * <p>"Together" is made deterministic by {@link HoldingLeases}: the first run stops just after it took its lease,
 * the second then asks, and only then does the first go on. Each race runs {@link #ROUNDS} times.
 */
@ExtendWith(LocalServersExtension.class)
class LeaseRacesIT {

    private static final String VIEW = "order-history";
    private static final int ROUNDS = 3;

    private static LocalServers servers;
    private static SparkSession spark;
    private static LiveTable tables;
    private static DynamoCatalog catalog;

    @BeforeAll
    static void start(LocalServers localServers) {
        servers = localServers;
        spark = SparkSession.builder().master("local[2]").appName("LeaseRacesIT")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        tables = new LiveTable(servers);
        catalog = new DynamoCatalog(tables.client(), "lease-races-catalog", Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (tables != null) {
            tables.close();
        }
    }

    @Test
    void two_rebuilds_of_one_table_started_together_one_loads_it_and_the_other_is_busy(@TempDir Path dir)
            throws Exception {
        Path archive = dir.resolve("archive");
        SnapshotStore store = store(dir);
        generate(archive, 800, false);
        SnapshotManifest older = snapshot(store, archive, leasing(catalog.leases()));
        generate(archive, 400, true);
        SnapshotManifest newer = snapshot(store, archive, leasing(catalog.leases()));
        ExpectedOrderHistory expected = ExpectedOrderHistory.ofDirectory(archive);

        for (int round = 1; round <= ROUNDS; round++) {
            String table = "races-rebuild-" + round;
            HoldingLeases first = new HoldingLeases(catalog.leases());
            CompletableFuture<RebuildOutcome> winner = CompletableFuture.supplyAsync(
                    () -> rebuild(first, store, archive, older, table));
            first.awaitTaken();

            assertThatThrownBy(() -> rebuild(catalog.leases(), store, archive, newer, table))
                    .isInstanceOf(BusyException.class)
                    .hasMessageContaining("busy: table/" + table + " is held by rebuild " + table + "@" + older.id());
            assertThat(catalog.entriesForTable(table)).as("the refused run recorded nothing").isEmpty();
            assertThatThrownBy(() -> tables.count(table)).as("the refused run created no table")
                    .isInstanceOf(ResourceNotFoundException.class);

            first.letGo();
            RebuildOutcome won = winner.get(3, TimeUnit.MINUTES);
            assertThat(won.entry().status()).isEqualTo(RebuildStatus.LOADED);
            assertThat(catalog.entriesForTable(table)).extracting(RebuildEntry::id).containsExactly(won.entry().id());
            LiveTable.assertSameItems(expected.items(), tables.scan(table));
        }
    }

    @Test
    void two_snapshot_runs_started_together_one_commits_and_the_other_is_busy(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive");
        SnapshotStore store = store(dir);
        generate(archive, 500, false);
        SnapshotManifest parent = snapshot(store, archive, leasing(catalog.leases()));
        long orders = 500;

        for (int round = 1; round <= ROUNDS; round++) {
            generate(archive, 100, true);
            orders += 100;
            HoldingLeases first = new HoldingLeases(catalog.leases());
            CompletableFuture<SnapshotManifest> winner = CompletableFuture.supplyAsync(
                    () -> snapshot(store, archive, leasing(first)));
            first.awaitTaken();

            assertThatThrownBy(() -> snapshot(store, archive, leasing(catalog.leases())))
                    .isInstanceOf(BusyException.class)
                    .hasMessageContaining("busy: snapshots/" + VIEW + "@" + store.root());
            assertThat(store.list(VIEW)).as("the refused run committed nothing").extracting(SnapshotManifest::id)
                    .last().isEqualTo(parent.id());

            first.letGo();
            SnapshotManifest committed = winner.get(3, TimeUnit.MINUTES);
            assertThat(committed.parent()).contains(parent.id());
            assertThat(committed.counts().items()).as("every order generated so far").isEqualTo(orders);
            assertThat(store.latest(VIEW).orElseThrow().id()).isEqualTo(committed.id());
            parent = committed;
        }
    }

    @Test
    void a_rebuild_started_while_live_runs_is_busy_and_after_live_it_is_refused(@TempDir Path dir)
            throws Exception {
        Path archive = dir.resolve("archive");
        SnapshotStore store = store(dir);
        generate(archive, 300, false);
        SnapshotManifest snapshot = snapshot(store, archive, leasing(catalog.leases()));
        String table = "races-live";
        RebuildEntry loaded = rebuild(catalog.leases(), store, archive, snapshot, table).entry();
        long items = tables.count(table);

        try (LiveKafka kafka = new LiveKafka(servers.kafkaBootstrapServers())) {
            kafka.freshTopic(2);
            kafka.publish(archive); // the topic holds what was archived: live starts at its end
            LiveRuns runs = new LiveRuns(KafkaClients.of(servers.kafkaBootstrapServers()), tables.client(), catalog,
                    leasing(catalog.leases()));
            try (LiveRun live = runs.open(loaded, Optional.empty(), new LiveOptions(false, 4,
                    Duration.ofSeconds(1), Duration.ofMillis(100)))) {
                CompletableFuture<LiveOutcome> running = CompletableFuture.supplyAsync(() -> {
                    try {
                        return live.run();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                for (int round = 1; round <= ROUNDS; round++) {
                    assertThatThrownBy(() -> rebuild(catalog.leases(), store, archive, snapshot, table))
                            .isInstanceOf(BusyException.class)
                            .hasMessageContaining("is held by live " + loaded.id());
                }
                assertThat(live.stop(Duration.ofSeconds(30))).isTrue();
                running.get(1, TimeUnit.MINUTES);
            }
        }
        assertThat(tables.count(table)).isEqualTo(items);
        List<RebuildEntry> entries = catalog.entriesForTable(table);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).liveStarted()).isTrue();

        // the lease is free again, but the table is live's now: never bulk-loaded again
        assertThatThrownBy(() -> rebuild(catalog.leases(), store, archive, snapshot, table))
                .hasMessageContaining("a live updater has written to table " + table);
    }

    private static Leasing leasing(LeaseStore store) {
        return new Leasing(store, Clock.systemUTC());
    }

    private static SnapshotStore store(Path dir) {
        return new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                spark.sparkContext().hadoopConfiguration());
    }

    private static void generate(Path archive, long orders, boolean append) throws Exception {
        try (LocalArchiveStore target = new LocalArchiveStore(archive.toString())) {
            OrderArchiveGenerator.generate(target, GeneratorOptions.builder().orders(orders).partitions(2)
                    .append(append).build());
        }
    }

    private static SnapshotManifest snapshot(SnapshotStore store, Path archive, Leasing leasing) {
        try {
            SnapshotOutcome outcome = new SnapshotJob(spark, store, leasing, Clock.systemUTC())
                    .run(new SnapshotRequest(archive.toString(), VIEW, false, false));
            return ((SnapshotOutcome.Committed) outcome).manifest();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RebuildOutcome rebuild(LeaseStore leases, SnapshotStore store, Path archive,
                                          SnapshotManifest snapshot, String table) {
        DynamoTarget target = new DynamoTarget(
                new DynamoConnection(servers.dynamoDbEndpoint().toString(), servers.region(),
                        servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()),
                table, VIEW, WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
        try {
            return new RebuildJob(spark, store, catalog, leasing(leases), Clock.systemUTC())
                    .run(new RebuildRequest(archive.toString(), VIEW, Optional.of(snapshot.id()), target, false));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
