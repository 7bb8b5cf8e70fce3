package dev.reproject.cli;

import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code reproject retire} on dynalite and Kafka: a rebuild whose live updater runs (as a service, in its own JVM)
 * is refused while it serves the view; once another table is promoted, retiring it stops the updater (which says
 * why and exits 0), and leaves its table and consumer group gone and its entry RETIRED; a second retire has nothing
 * left to do; the table the alias points at is refused by name.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class RetireIT {

    private static final String BLUE = "retire-blue";
    private static final String GREEN = "retire-green";
    private static final String CATALOG = "retire-catalog";
    private static final String VIEW = "order-history";

    private static LocalServers servers;

    @BeforeAll
    static void credentials(LocalServers localServers) {
        servers = localServers;
        servers.kafkaBootstrapServers();
        servers.dynamoDbEndpoint();
    }

    @Test
    void retire_stops_the_live_updater_and_deletes_table_and_group_but_refuses_the_served_table(@TempDir Path dir)
            throws Exception {
        Map<String, String> env = servers.environment();
        try (LiveKafka kafka = new LiveKafka(servers.kafkaBootstrapServers());
             LiveTable tables = new LiveTable(servers)) {
            RebuiltPrefix blue = RebuiltPrefix.make(servers, kafka, dir, BLUE, CATALOG, 2_000, 2, 0.5);
            DynamoCatalog catalog = new DynamoCatalog(tables.client(), CATALOG, Clock.systemUTC());
            String group = blue.id().consumerGroup();
            LiveProcess live = LiveProcess.start(servers, "live-blue", dir, BLUE, CATALOG);
            try {
                awaitLive(catalog, blue.id(), live);
                assertThat(kafka.members(group)).as("live's membership of %s", group).hasSize(1);

                CliRun servedRefused = CliRun.run(env, "retire", blue.id().value(), "--catalog-table", CATALOG);
                assertThat(servedRefused.exitCode()).as(servedRefused.err()).isEqualTo(8);
                assertThat(servedRefused.err()).contains("refusing to retire " + blue.id() + ": table " + BLUE
                        + " serves view " + VIEW);
                assertThat(catalog.get(blue.id()).orElseThrow().status()).isEqualTo(RebuildStatus.LIVE);

                CliRun green = CliRun.run(env, "rebuild", "--archive", dir.resolve("archive").toString(),
                        "--snapshots", dir.resolve("snapshots").toString(), "--table", GREEN, "--catalog-table",
                        CATALOG, "--master", "local[2]");
                assertThat(green.exitCode()).as(green.err()).isZero();
                RebuildId greenId = catalog.entriesForTable(GREEN).get(0).id();
                AliasStore aliases = catalog.aliases();
                ViewAlias read = aliases.get(VIEW);
                aliases.replace(read, read.promote(greenId, Instant.now(), true, "RetireIT"));

                CliRun retired = CliRun.run(env, "retire", blue.id().value(), "--catalog-table", CATALOG);

                assertThat(retired.exitCode()).as(retired.err()).isZero();
                assertThat(retired.out()).contains("catalog entry: marked RETIRED (was LIVE)",
                        "live updater: 1 process(es) stopped and left the consumer group",
                        "table " + BLUE + ": deleted", "consumer group " + group + ": deleted");
                assertThat(live.process().waitFor(60, TimeUnit.SECONDS)).as("live ended").isTrue();
                assertThat(live.process().exitValue()).as("live's exit; log:%n%s", live.tail()).isZero();
                assertThat(live.tail()).contains("live stopped: rebuild " + blue.id() + " was retired");
                assertThat(live.stdout()).contains(blue.id() + " RETIRED");
                assertThat(catalog.get(blue.id()).orElseThrow().status()).isEqualTo(RebuildStatus.RETIRED);
                assertThatThrownBy(() -> tables.client().describeTable(b -> b.tableName(BLUE)))
                        .isInstanceOf(ResourceNotFoundException.class);
                assertThat(kafka.members(group)).isEmpty();
                assertThat(kafka.committed(group)).as("the group's offsets, gone with it").isEmpty();

                CliRun again = CliRun.run(env, "retire", blue.id().value(), "--catalog-table", CATALOG);
                assertThat(again.exitCode()).as(again.err()).isZero();
                assertThat(again.out()).contains("retire " + blue.id() + ": nothing left to do");

                CliRun restarted = CliRun.run(env, "live", "--table", BLUE, "--catalog-table", CATALOG);
                assertThat(restarted.exitCode()).as(restarted.err()).isZero();
                assertThat(restarted.err()).contains("live not started: rebuild " + blue.id() + " was retired");

                CliRun aliasRefused = CliRun.run(env, "retire", greenId.value(), "--catalog-table", CATALOG);
                assertThat(aliasRefused.exitCode()).as(aliasRefused.err()).isEqualTo(8);
                assertThat(aliasRefused.err()).contains("refusing to retire " + greenId + ": table " + GREEN
                        + " serves view " + VIEW + " (its alias points at " + greenId);
                assertThat(tables.count(GREEN)).isPositive();
            } finally {
                live.process().destroyForcibly();
            }
        }
    }

    private static void awaitLive(DynamoCatalog catalog, RebuildId id, LiveProcess live) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            RebuildEntry entry = catalog.get(id).orElseThrow();
            if (entry.status() == RebuildStatus.LIVE) {
                return;
            }
            assertThat(live.alive()).as("live running; log:%n%s", live.tail()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError(id + " did not become LIVE in 3 min; log:\n" + live.tail());
    }
}
