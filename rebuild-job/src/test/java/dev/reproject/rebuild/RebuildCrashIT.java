package dev.reproject.rebuild;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.ForwardingCatalog;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.reproject.rebuild.RebuildFixture.VIEW;
import static dev.reproject.rebuild.RebuildFixture.snapshotItems;
import static dev.reproject.rebuild.RebuildFixture.tableCount;
import static dev.reproject.rebuild.RebuildFixture.tableItems;
import static dev.reproject.rebuild.RebuildFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild killed (SIGKILL) midway through its load, in its own JVM as {@code spark-submit} would run it,
 * leaves its catalog entry LOADING and the table partly loaded; running it again ends with exactly the
 * snapshot's items and the entry LOADED, and LOADED is written only once the table holds every item.
 */
@ExtendWith(LocalServersExtension.class)
class RebuildCrashIT {

    private static final String TABLE = "rebuild-crash";
    private static final String CATALOG = "rebuild-crash-catalog";

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = RebuildFixture.spark("RebuildCrashIT");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void a_rebuild_killed_midway_and_run_again_gives_the_same_table(LocalServers servers, @TempDir Path dir)
            throws Exception {
        String archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive), GeneratorOptions.builder().orders(6000)
                .partitions(4).build());
        SnapshotStore store = RebuildFixture.store(spark, dir);
        SnapshotManifest snapshot = RebuildFixture.snapshot(spark, store, archive);
        Set<Item> expected = snapshotItems(spark, store, snapshot);
        DynamoTarget target = target(servers, TABLE, WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
        RebuildId id = RebuildId.of(TABLE, snapshot.id());

        Process process = startRebuild(servers, dir, archive);
        try {
            int loaded = awaitPartLoad(target, process, dir.resolve("rebuild.log"), expected.size() / 5);
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            System.out.printf("killed the rebuild with %d of %d items in the table%n", loaded, expected.size());
        } finally {
            process.destroyForcibly();
        }

        try (DynamoDbClient dynamo = AwsClients.dynamoDb(target.awsSettings())) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, CATALOG, Clock.systemUTC());
            assertThat(catalog.get(id).orElseThrow().status()).as("killed midway").isEqualTo(RebuildStatus.LOADING);
            assertThat(tableCount(target)).isLessThan(expected.size());

            RebuildCatalog checking = new CountingBeforeLoaded(catalog, target);
            RebuildOutcome again = new RebuildJob(spark, store, checking, Leasing.inProcess(Clock.systemUTC()),
                    Clock.systemUTC())
                    .run(new RebuildRequest(archive, VIEW, Optional.empty(), target, false));

            assertThat(tableItems(target)).isEqualTo(expected);
            assertThat(again.entry().status()).isEqualTo(RebuildStatus.LOADED);
            assertThat(catalog.get(id).orElseThrow().status()).isEqualTo(RebuildStatus.LOADED);
            assertThat(catalog.entriesForTable(TABLE)).hasSize(1);
            assertThat(((CountingBeforeLoaded) checking).countAtLoaded).as("items in the table when LOADED was written")
                    .isEqualTo(expected.size());
        }
    }

    /** {@code reproject rebuild} in its own JVM, slowed by --write-rate so that it can be killed midway. */
    private static Process startRebuild(LocalServers servers, Path dir, String archive) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.reproject.rebuild.cli.RebuildMain",
                "--master", "local[2]", "--archive", archive, "--snapshots", dir.resolve("snapshots").toString(),
                "--table", TABLE, "--catalog-table", CATALOG, "--write-rate", "400",
                "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--region", servers.region()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("rebuild.log").toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", servers.credentials().accessKeyId());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", servers.credentials().secretAccessKey());
        return builder.start();
    }

    /** Waits until the table holds at least {@code items}; fails if the rebuild ends first. */
    private static int awaitPartLoad(DynamoTarget target, Process process, Path log, int items) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "the rebuild ended (exit " + process.exitValue() + ") before it could be killed:\n"
                                + Files.readString(log));
            }
            try {
                int count = tableCount(target);
                if (count >= items) {
                    return count;
                }
            } catch (ResourceNotFoundException notYet) {
                // the table is not created yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rebuild did not load " + items + " items in 3 minutes");
    }

    /** Records how many items the table holds at the moment the rebuild marks itself LOADED. */
    private static final class CountingBeforeLoaded extends ForwardingCatalog {
        private final DynamoTarget target;
        private volatile int countAtLoaded = -1;

        CountingBeforeLoaded(RebuildCatalog delegate, DynamoTarget target) {
            super(delegate);
            this.target = target;
        }

        @Override
        public RebuildEntry markLoaded(RebuildId id, Map<String, Long> counts, Watermark handoff) {
            countAtLoaded = tableCount(target);
            return super.markLoaded(id, counts, handoff);
        }
    }
}
