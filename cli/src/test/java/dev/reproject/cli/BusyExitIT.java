package dev.reproject.cli;

import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.core.lease.Lease;
import dev.reproject.core.lease.LeaseNames;
import dev.reproject.core.lease.LeaseStore;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.ArchiveRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exit status 5 through the CLI: while another run holds the lease, {@code snapshot}, {@code rebuild} and
 * {@code live} exit 5 naming the holder and write nothing; a lease its holder stopped renewing is taken over once it
 * expires ({@code --lease-wait}).
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class BusyExitIT {

    private static final String CATALOG = "busy-exit-catalog";
    private static final String TABLE = "busy-exit";
    private static LocalServers servers;

    @BeforeAll
    static void start(LocalServers localServers) {
        servers = localServers;
        servers.kafkaBootstrapServers();
        servers.dynamoDbEndpoint();
    }

    @Test
    void every_job_exits_5_while_another_run_holds_its_lease_and_writes_nothing(@TempDir Path dir)
            throws Exception {
        Map<String, String> env = new HashMap<>(servers.environment());
        env.put("REPROJECT_CATALOG_TABLE", CATALOG);
        String archive = dir.resolve("archive").toString();
        Path snapshots = dir.resolve("snapshots");
        run(env, 0, "generate", "--archive", archive, "--orders", "300");
        run(env, 0, "snapshot", "--archive", archive, "--snapshots", snapshots.toString(), "--master", "local[2]");
        List<Path> manifests = manifests(snapshots);
        run(env, 0, "generate", "--archive", archive, "--orders", "100", "--append");

        try (LiveTable tables = new LiveTable(servers)) {
            LeaseStore leases = new DynamoCatalog(tables.client(), CATALOG, Clock.systemUTC()).leases();
            String snapshotLease = LeaseNames.snapshots("order-history",
                    ArchiveRoot.of(snapshots.toString()).toString());
            Lease other = leases.acquire(snapshotLease, "other-host/42/abc", "snapshot of view order-history",
                    Duration.ofMinutes(5));
            CliRun snapshot = run(env, 5, "snapshot", "--archive", archive, "--snapshots", snapshots.toString(),
                    "--master", "local[2]");
            assertThat(snapshot.err()).contains("busy: " + snapshotLease + " is held by snapshot of view "
                    + "order-history (owner other-host/42/abc");
            assertThat(manifests(snapshots)).as("no snapshot committed").isEqualTo(manifests);
            leases.release(other);

            leases.acquire(LeaseNames.table(TABLE), "other-host/42/def", "live " + TABLE + "@x",
                    Duration.ofMinutes(5));
            CliRun rebuild = run(env, 5, "rebuild", "--archive", archive, "--snapshots", snapshots.toString(),
                    "--table", TABLE, "--master", "local[2]");
            assertThat(rebuild.err()).contains("busy: table/" + TABLE + " is held by live " + TABLE + "@x");
            assertThatThrownBy(() -> tables.count(TABLE)).as("no table created")
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(run(env, 0, "status", "--json").out()).doesNotContain(TABLE + "@");
        }
    }

    @Test
    void a_lease_whose_holder_died_is_taken_over_once_it_expires(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(servers.environment());
        env.put("REPROJECT_CATALOG_TABLE", CATALOG);
        String archive = dir.resolve("archive").toString();
        String snapshots = dir.resolve("snapshots").toString();
        run(env, 0, "generate", "--archive", archive, "--orders", "200");
        run(env, 0, "snapshot", "--archive", archive, "--snapshots", snapshots, "--master", "local[2]");
        try (LiveTable tables = new LiveTable(servers)) {
            LeaseStore leases = new DynamoCatalog(tables.client(), CATALOG, Clock.systemUTC()).leases();
            // a rebuild that died: its lease is never renewed
            leases.acquire(LeaseNames.table(TABLE + "-2"), "dead-host/7/xyz", "rebuild " + TABLE + "-2@y",
                    Duration.ofSeconds(4));

            run(env, 0, "rebuild", "--archive", archive, "--snapshots", snapshots, "--table", TABLE + "-2",
                    "--master", "local[2]", "--lease-wait", "60");

            assertThat(tables.count(TABLE + "-2")).isEqualTo(200);

            // its lease released, the table is free for live — unless another run holds it
            leases.acquire(LeaseNames.table(TABLE + "-2"), "other-host/9/ghi", "rebuild " + TABLE + "-2@z",
                    Duration.ofMinutes(5));
            CliRun live = run(env, 5, "live", "--table", TABLE + "-2", "--until-caught-up");
            assertThat(live.err()).contains("busy: table/" + TABLE + "-2 is held by rebuild " + TABLE + "-2@z");
        }
    }

    private static List<Path> manifests(Path snapshots) throws IOException {
        try (Stream<Path> files = Files.walk(snapshots)) {
            return files.filter(f -> f.getFileName().toString().equals("manifest.json")).sorted().toList();
        }
    }

    private static CliRun run(Map<String, String> env, int status, String... args) {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as("reproject %s%n%s", String.join(" ", args), run.err()).isEqualTo(status);
        return run;
    }
}
