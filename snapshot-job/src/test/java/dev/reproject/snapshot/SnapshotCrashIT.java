package dev.reproject.snapshot;

import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.reproject.snapshot.ActivityArchive.lines;
import static dev.reproject.snapshot.ActivityArchive.placed;
import static dev.reproject.snapshot.ActivityArchive.registered;
import static dev.reproject.snapshot.ConsumerActivityView.CONSUMERS;
import static dev.reproject.snapshot.ConsumerActivityView.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot run killed (SIGKILL, in its own JVM) while it writes leaves the previous snapshot the latest;
 * nothing half-written is read, and the next run succeeds.
 */
@ExtendWith(LocalServersExtension.class)
class SnapshotCrashIT {

    @Test
    void a_run_killed_before_its_manifest_leaves_the_previous_snapshot_latest(LocalServers servers, @TempDir Path dir)
            throws Exception {
        ActivityArchive archive = new ActivityArchive(dir.resolve("archive"));
        archive.append(CONSUMERS, 0, lines(registered(archive.nextId(), "c1", "Ann")));
        Path snapshots = dir.resolve("snapshots");
        Path viewDir = snapshots.resolve(ConsumerActivityView.NAME);

        SparkSession spark = SparkSession.builder().master("local[2]").appName("SnapshotCrashIT")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            SnapshotStore store = new SnapshotStore(ArchiveRoot.of(snapshots.toString()),
                    spark.sparkContext().hadoopConfiguration());
            SnapshotJob job = new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC());
            SnapshotRequest incremental = new SnapshotRequest(archive.root().toString(), ConsumerActivityView.NAME,
                    false, false);
            SnapshotManifest first = ((SnapshotOutcome.Committed) job.run(incremental)).manifest();

            // enough new events that the run is still writing when it is killed
            for (int p = 0; p < 4; p++) {
                List<String> orders = lines();
                for (int o = 0; o < 15_000; o++) {
                    orders.add(placed(archive.nextId(), "o" + p + "-" + o, "c" + (o % 500), "R" + (o % 37)));
                }
                archive.append(ORDERS, p, orders);
            }
            ProcessBuilder killed = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-cp", System.getProperty("java.class.path"), "dev.reproject.snapshot.cli.SnapshotMain",
                    "--archive", archive.root().toString(), "--snapshots", snapshots.toString(),
                    "--view", ConsumerActivityView.NAME, "--master", "local[2]",
                    "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--region", servers.region(),
                    "--catalog-table", "snapshot-crash-catalog") // where its lease is kept
                    .redirectErrorStream(true).redirectOutput(dir.resolve("killed-run.log").toFile());
            killed.environment().put("AWS_ACCESS_KEY_ID", servers.credentials().accessKeyId());
            killed.environment().put("AWS_SECRET_ACCESS_KEY", servers.credentials().secretAccessKey());
            Process run = killed.start();
            Path started = awaitNewSnapshotDirectory(viewDir, Set.of(first.id().value()), run);
            run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            assertThat(started.resolve(SnapshotManifest.FILE_NAME)).doesNotExist();
            assertThat(store.latest(ConsumerActivityView.NAME).orElseThrow().id()).isEqualTo(first.id());
            assertThat(store.list(ConsumerActivityView.NAME)).extracting(SnapshotManifest::id)
                    .containsExactly(first.id());

            SnapshotManifest next = ((SnapshotOutcome.Committed) job.run(incremental)).manifest();
            assertThat(next.parent()).contains(first.id());
            assertThat(next.id()).isGreaterThan(new SnapshotId(started.getFileName().toString()));
            SnapshotManifest full = ((SnapshotOutcome.Committed) job.run(
                    new SnapshotRequest(archive.root().toString(), ConsumerActivityView.NAME, true, false))).manifest();
            assertThat(rows(spark, store, next)).isEqualTo(rows(spark, store, full)).hasSize(500);
        } finally {
            spark.stop();
        }
    }

    /** Waits until the killed-to-be run has created its snapshot directory (it is then writing). */
    private static Path awaitNewSnapshotDirectory(Path viewDir, Set<String> existing, Process run) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            File[] dirs = viewDir.toFile().listFiles(File::isDirectory);
            if (dirs != null) {
                for (File d : dirs) {
                    if (!existing.contains(d.getName())
                            && Files.exists(d.toPath().resolve(SnapshotManifest.DATA_DIR))) {
                        return d.toPath();
                    }
                }
            }
            assertThat(run.isAlive()).as("the run ended before it could be killed").isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("the run did not start writing within 2 minutes");
    }

    private static Set<Row> rows(SparkSession spark, SnapshotStore store, SnapshotManifest m) throws IOException {
        return new HashSet<>(SnapshotRows.open(spark, store, m).all().collectAsList());
    }
}
