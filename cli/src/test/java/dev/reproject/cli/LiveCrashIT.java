package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live issue's crash acceptance test: {@code live} runs as a separate JVM, as a service would, over more than
 * 20,000 events after a real snapshot and rebuild of a small prefix of the topic, and is killed with SIGKILL at
 * {@link #KILLS} random points of the stream, each time while it is writing (it has made progress since its
 * start and has not caught up), and started again. A last run with {@code --until-caught-up} must leave the
 * table equal to the items {@link ExpectedOrderHistory} works out from every record in the topic: no event lost
 * to a kill, none applied out of order.
 *
 * <p>The points are drawn from a seeded {@link Random} (printed; {@code -Dlive.crash.seed=N} repeats a run): a
 * fraction of the records live has to consume, one in each of {@link #KILLS} equal stretches of the first 70%,
 * reached by the group's committed offsets, plus a random delay of up to about one poll's writing time, so that a
 * kill lands anywhere in the poll that follows a commit. The delay ends early at the next commit: a run then
 * commits at most about two polls past its point however fast the machine writes, and the kills cannot reach the
 * end of the stream (with points drawn anywhere in the 70%, one CI run found live caught up at its sixth kill).
 * After each kill the table must hold at least every item of the events below the committed offsets (a commit
 * comes only after its writes); items beyond them show that the kill cut a poll whose writes had begun.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class LiveCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "live-crash";
    private static final String CATALOG = "live-crash-catalog";
    private static final int ORDERS = 12_000;
    private static final int PARTITIONS = 4;
    private static final int KILLS = 6;
    /** The rebuilt prefix of each partition, as a fraction of it. */
    private static final double PREFIX = 0.05;
    private static final long WAIT_MINUTES = 3;
    /** Records in one poll: small polls leave room for every kill before the end of the stream. */
    private static final int POLL_RECORDS = 1_000;
    /** About the time live takes to write one poll's records on dynalite. */
    private static final int MAX_DELAY_MILLIS = 800;

    private static LocalServers servers;
    /**
     * Every run is the same static member of the rebuild's group: restarted after a kill, it takes its partitions
     * back at once instead of waiting for the killed member's session to time out.
     */
    private static final String INSTANCE = "--instance-id=crash-test";

    @BeforeAll
    static void credentials(LocalServers localServers) {
        servers = localServers;
        servers.kafkaBootstrapServers();
        servers.dynamoDbEndpoint();
    }

    @Test
    void live_killed_at_random_points_and_restarted_ends_with_every_event_applied_once(@TempDir Path dir)
            throws Exception {
        long seed = Long.getLong("live.crash.seed", System.nanoTime());
        System.out.println("LiveCrashIT: seed " + seed + " (repeat with -Dlive.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        long started = System.nanoTime();
        try (LiveKafka kafka = new LiveKafka(servers.kafkaBootstrapServers());
             LiveTable tables = new LiveTable(servers)) {
            RebuiltPrefix rebuilt = RebuiltPrefix.make(servers, kafka, dir, TABLE, CATALOG, ORDERS, PARTITIONS, PREFIX);
            ExpectedOrderHistory expected = rebuilt.expected();
            long events = expected.applied() + expected.duplicateEvents() + expected.skipped();
            assertThat(events).as("events in the topic").isGreaterThanOrEqualTo(20_000);
            Map<Integer, Long> ends = rebuilt.ends();
            Map<Integer, Long> starts = rebuilt.starts();
            String group = rebuilt.id().consumerGroup();
            long first = rebuilt.first();
            long end = rebuilt.end();
            long toConsume = end - first;
            long rebuiltItems = tables.count(TABLE);
            System.out.printf("LiveCrashIT: %,d events in %,d records; rebuilt %,d items up to %s; live has %,d records"
                    + " to consume up to %s%n", events, end, rebuiltItems, starts, toConsume, ends);

            List<Double> points = new ArrayList<>();
            for (int i = 0; i < KILLS; i++) {
                points.add(0.05 + 0.65 * (i + random.nextDouble()) / KILLS);
            }
            long lastCommitted = first;
            long lastCount = rebuiltItems;
            int cutBatches = 0;
            List<String> kills = new ArrayList<>();
            for (int i = 0; i < KILLS; i++) {
                long target = first + Math.round(points.get(i) * toConsume);
                long delayMillis = random.nextInt(MAX_DELAY_MILLIS);
                long runStarted = System.nanoTime();
                LiveProcess live = LiveProcess.start(servers, "live-" + i, dir, TABLE, CATALOG, INSTANCE,
                        "--kafka-property", "max.poll.records=" + POLL_RECORDS);
                try {
                    long reached = awaitCommitted(kafka, group, starts, Math.max(target, lastCommitted + 1), live);
                    long waitedMillis = awaitDelayOrCommit(kafka, group, starts, reached, delayMillis);
                    assertThat(live.alive()).as("run %d still running before its kill; log:%n%s", i, live.tail())
                            .isTrue();
                    live.kill();
                    double ranSeconds = (System.nanoTime() - runStarted) / 1e9;
                    Map<Integer, Long> committedOffsets = committed(kafka, group, starts);
                    long committed = LiveKafka.total(committedOffsets);
                    long count = tables.count(TABLE);
                    long committedItems = expected.appliedAt().values().stream()
                            .filter(at -> at.first() < committedOffsets.get(at.partition())).count();
                    cutBatches += count > committedItems ? 1 : 0;
                    String kill = String.format(
                            "kill %d after %.1f s, %d ms (of %d) after the commit of record %,d: committed"
                                    + " %,d of %,d records, table %,d items, %,d of them beyond the commit",
                            i, ranSeconds, waitedMillis, delayMillis, reached - first, committed - first, toConsume,
                            count, count - committedItems);
                    kills.add(kill);
                    System.out.println("LiveCrashIT: " + kill + " (exit " + live.process().exitValue() + ")");
                    assertThat(committed).as("kill %d: committed offsets grew since the last kill", i)
                            .isGreaterThan(lastCommitted);
                    assertThat(committed).as("kill %d: not caught up", i).isLessThan(end);
                    assertThat(count).as("kill %d: items in the table", i)
                            .isGreaterThanOrEqualTo(lastCount).isLessThan(expected.items().size());
                    assertThat(count).as("kill %d: every item of the committed events is in the table", i)
                            .isGreaterThanOrEqualTo(committedItems);
                    lastCommitted = committed;
                    lastCount = count;
                } finally {
                    live.process().destroyForcibly();
                }
            }
            assertThat(cutBatches).as("kills that cut a batch with writes done but not committed").isPositive();

            long lastStarted = System.nanoTime();
            LiveProcess last = LiveProcess.start(servers, "live-final", dir, TABLE, CATALOG, INSTANCE,
                    "--until-caught-up", "--json");
            try {
                assertThat(last.process().waitFor(WAIT_MINUTES, TimeUnit.MINUTES)).as("the last run ended").isTrue();
            } finally {
                last.process().destroyForcibly();
            }
            System.out.printf("LiveCrashIT: the last run took %.1f s%n", (System.nanoTime() - lastStarted) / 1e9);
            assertThat(last.process().exitValue()).as("exit of the last run; log:%n%s", last.tail()).isZero();
            JsonNode summary = JSON.readTree(last.stdout());

            Map<String, Map<String, AttributeValue>> items = tables.scan(TABLE);
            LiveTable.assertSameItems(expected.items(), items);
            assertThat(items).hasSize(ORDERS);
            assertThat(summary.get("caughtUp").asBoolean()).isTrue();
            assertThat(summary.get("status").asText()).isEqualTo("LIVE");
            assertThat(kafka.committed(group)).as("committed offsets").isEqualTo(ends);
            System.out.printf("LiveCrashIT: %d kills (%s); the last run: %s; %,d items equal the expected; %.1f s%n",
                    kills.size(), String.join("; ", kills), summary, items.size(), (System.nanoTime() - started) / 1e9);
        }
    }

    /** Waits until the group's committed offsets add up to {@code target}; their total then. */
    private static long awaitCommitted(LiveKafka kafka, String group, Map<Integer, Long> starts, long target,
                                       LiveProcess live)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
        while (System.nanoTime() < deadline) {
            if (!live.alive()) {
                throw new AssertionError("live ended (exit " + live.process().exitValue()
                        + ") before it could be killed:\n" + live.tail());
            }
            long committed = committedTotal(kafka, group, starts);
            if (committed >= target) {
                return committed;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("live did not commit up to " + target + " in " + WAIT_MINUTES + " min:\n"
                + live.tail());
    }

    /** Waits {@code delayMillis}, or less if the committed offsets grow past {@code reached} before; the wait. */
    private static long awaitDelayOrCommit(LiveKafka kafka, String group, Map<Integer, Long> starts, long reached,
                                           long delayMillis)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        while (System.nanoTime() < deadline && committedTotal(kafka, group, starts) <= reached) {
            Thread.sleep(Math.max(0, Math.min(20, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The committed offsets summed over the partitions; the start for a partition with none yet. */
    private static long committedTotal(LiveKafka kafka, String group, Map<Integer, Long> starts) throws Exception {
        return LiveKafka.total(committed(kafka, group, starts));
    }

    /** The committed offsets; the start for a partition with none yet. */
    private static Map<Integer, Long> committed(LiveKafka kafka, String group, Map<Integer, Long> starts)
            throws Exception {
        Map<Integer, Long> committed = new TreeMap<>(starts);
        committed.putAll(kafka.committed(group));
        return committed;
    }
}
