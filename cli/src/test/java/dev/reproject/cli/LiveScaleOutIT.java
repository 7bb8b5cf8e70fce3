package dev.reproject.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out acceptance test (issue 13): several {@code live} processes share one rebuild's partitions through
 * Kafka's consumer-group protocol, with no option saying so. Three processes start on an 8-partition topic; once
 * every one has partitions and 15 % of the records are committed, one is killed with SIGKILL, and a fourth process
 * is started at once and must be given partitions (the killed one's move when its 10 s session times out); at 50 %,
 * another is stopped with SIGTERM (it commits and leaves the group: its partitions move at once). The table must end equal to the items
 * {@link ExpectedOrderHistory} works out from every record of the topic — no event lost, none applied twice — with
 * the group's committed offsets at the end of every partition, and the catalog entry LIVE with lag 0.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class LiveScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "live-scale-out";
    private static final String CATALOG = "live-scale-out-catalog";
    private static final int ORDERS = 8_000;
    private static final int PARTITIONS = 8;
    private static final double PREFIX = 0.05;
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(3);
    /** 128 + 15: a JVM that SIGTERM ended, once its shutdown hooks are done. */
    private static final int SIGTERM_EXIT = 143;

    private static LocalServers servers;

    @BeforeAll
    static void credentials(LocalServers localServers) {
        servers = localServers;
        servers.kafkaBootstrapServers();
        servers.dynamoDbEndpoint();
    }

    @Test
    void three_processes_one_killed_one_added_one_stopped_end_with_every_event_applied_once(@TempDir Path dir)
            throws Exception {
        long started = System.nanoTime();
        List<LiveProcess> processes = new ArrayList<>();
        try (LiveKafka kafka = new LiveKafka(servers.kafkaBootstrapServers());
             LiveTable tables = new LiveTable(servers)) {
            RebuiltPrefix rebuilt = RebuiltPrefix.make(servers, kafka, dir, TABLE, CATALOG, ORDERS, PARTITIONS, PREFIX);
            ExpectedOrderHistory expected = rebuilt.expected();
            Map<Integer, Long> ends = rebuilt.ends();
            Map<Integer, Long> starts = rebuilt.starts();
            RebuildId id = rebuilt.id();
            String group = id.consumerGroup();
            long first = rebuilt.first();
            long end = rebuilt.end();
            System.out.printf("LiveScaleOutIT: %,d records on %d partitions, %,d of them rebuilt; %,d to consume%n",
                    end, PARTITIONS, first, end - first);

            for (String name : List.of("live-a", "live-b", "live-c")) {
                processes.add(LiveProcess.start(servers, name, dir, TABLE, CATALOG));
            }
            LiveProcess a = processes.get(0);
            LiveProcess b = processes.get(1);
            LiveProcess c = processes.get(2);
            await("three members, each with partitions", processes, () -> {
                Map<String, Integer> members = members(kafka, group);
                return members.size() == 3 && members.values().stream().allMatch(n -> n > 0);
            });
            List<String> events = new ArrayList<>();
            event(events, started,
                    String.format("3 members with partitions %s at %,d committed", members(kafka, group).values(),
                            committed(kafka, group, starts) - first));

            awaitCommitted(kafka, group, starts, first + Math.round(0.15 * (end - first)), processes);
            a.kill();
            event(events, started,
                    String.format("SIGKILL live-a at %,d committed", committed(kafka, group, starts) - first));

            // while live-a's partitions wait for its session to time out (10 s): they go to live-d
            LiveProcess d = LiveProcess.start(servers, "live-d", dir, TABLE, CATALOG, "--json", "--kafka-property",
                    "client.id=live-d"); // its member id starts with its client id
            processes.add(d);
            event(events, started,
                    String.format("started live-d at %,d committed", committed(kafka, group, starts) - first));
            // it takes partitions over whatever is left on them: on a loaded machine the others may have consumed
            // every record before its JVM joins, so the proof is the assignment, not records consumed
            await("live-d a member with partitions", processes, () -> members(kafka, group).entrySet().stream()
                    .anyMatch(member -> member.getKey().startsWith("live-d") && member.getValue() > 0));
            event(events, started, String.format("live-d has partitions %s at %,d committed",
                    members(kafka, group), committed(kafka, group, starts) - first));

            awaitCommitted(kafka, group, starts, first + Math.round(0.5 * (end - first)), processes);
            long atTerm = committed(kafka, group, starts) - first;
            int bExit = b.terminate(60);
            event(events, started,
                    String.format("SIGTERM live-b at %,d committed: exit %d, %s", atTerm, bExit, b.stdout()));
            assertThat(bExit).as("live-b's exit after SIGTERM (143: a JVM ended by it); log:%n%s", b.tail())
                    .isEqualTo(SIGTERM_EXIT);
            assertThat(b.stdout()).as("live-b's summary, printed before it ended").contains("records");

            awaitCommitted(kafka, group, starts, end, processes);
            event(events, started,
                    String.format("all %,d committed after %.1f s", end - first, (System.nanoTime() - started) / 1e9));
            DynamoCatalog catalog = new DynamoCatalog(tables.client(), CATALOG, Clock.systemUTC());
            await("the catalog entry LIVE with lag 0", processes, () -> {
                Optional<RebuildEntry> entry = catalog.get(id);
                return entry.isPresent() && entry.get().status() == RebuildStatus.LIVE
                        && entry.get().totalLag() == 0 && entry.get().positions().size() == PARTITIONS;
            });
            int cExit = c.terminate(60);
            int dExit = d.terminate(60);
            event(events, started, "SIGTERM live-c: exit " + cExit + ", " + c.stdout());
            event(events, started, "SIGTERM live-d: exit " + dExit + ", " + d.stdout());
            assertThat(cExit).as("live-c; log:%n%s", c.tail()).isEqualTo(SIGTERM_EXIT);
            assertThat(dExit).as("live-d; log:%n%s", d.tail()).isEqualTo(SIGTERM_EXIT);
            assertThat(JSON.readTree(d.stdout()).path("records").asLong(-1)).as("live-d's summary: records consumed")
                    .isNotNegative();

            Map<String, Map<String, AttributeValue>> items = tables.scan(TABLE);
            LiveTable.assertSameItems(expected.items(), items);
            assertThat(kafka.committed(group)).as("committed offsets").isEqualTo(ends);
            System.out.printf("LiveScaleOutIT: %,d items equal the expected (0 lost, 0 applied twice) in %.1f s%n",
                    items.size(), (System.nanoTime() - started) / 1e9);
        } finally {
            for (LiveProcess process : processes) {
                process.process().destroyForcibly();
            }
        }
    }

    /** Prints what happened, at what time of the test, and keeps it for the summary. */
    private static void event(List<String> events, long started, String what) {
        String line = String.format("%.1f s: %s", (System.nanoTime() - started) / 1e9, what);
        System.out.println("LiveScaleOutIT: " + line);
        events.add(line);
    }

    private static Map<String, Integer> members(LiveKafka kafka, String group) throws Exception {
        return kafka.members(group);
    }

    private static long committed(LiveKafka kafka, String group, Map<Integer, Long> starts) throws Exception {
        Map<Integer, Long> committed = new TreeMap<>(starts);
        committed.putAll(kafka.committed(group));
        return LiveKafka.total(committed);
    }

    private static void awaitCommitted(LiveKafka kafka, String group, Map<Integer, Long> starts, long target,
                                       List<LiveProcess> processes)
            throws Exception {
        await("committed offsets to add up to " + target, processes,
                () -> committed(kafka, group, starts) >= target);
    }

    /** A check that may throw. */
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, List<LiveProcess> processes, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            for (LiveProcess process : processes) {
                if (!process.alive() && process.process().exitValue() != 137
                        && process.process().exitValue() != SIGTERM_EXIT) {
                    throw new AssertionError(process.name() + " ended with exit " + process.process().exitValue()
                            + " while waiting for " + what + ":\n" + process.tail());
                }
            }
            Thread.sleep(50);
        }
        StringBuilder logs = new StringBuilder();
        for (LiveProcess process : processes) {
            logs.append("\n--- ").append(process.name()).append(":\n").append(process.tail());
        }
        throw new AssertionError("timed out waiting for " + what + logs);
    }
}
