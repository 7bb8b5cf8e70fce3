package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.archiver.ArchiveReport;
import dev.reproject.archiver.ArchiveRequest;
import dev.reproject.archiver.PartitionArchived;
import dev.reproject.archiver.TopicArchiver;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static dev.reproject.oracle.ExpectedOrderHistory.Outcome.APPLIED;
import static dev.reproject.oracle.ExpectedOrderHistory.Outcome.DUPLICATE;
import static dev.reproject.oracle.ExpectedOrderHistory.Outcome.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live issue's handoff acceptance test. An Order History archive (10,000 orders, 1% bad input) is published
 * to Kafka in slices from another thread while part of the same topic is archived (with its true offsets),
 * snapshotted, archived further and rebuilt into a table; once every event is in Kafka, {@code live
 * --until-caught-up} must leave the table equal to the items {@link ExpectedOrderHistory} works out from every
 * record in the topic, read with a plain consumer.
 *
 * <p>Two variants of the same published bytes: live starting exactly after the rebuild's handoff, and live
 * starting before it (the consumer group's committed offsets set below the handoff, which wins over it,
 * CONTRACT.md §6), so that every event between there and the handoff comes again: each handled one must count as a
 * duplicate, none may be applied, and both tables end identical.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class LiveHandoffIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = 10_000;
    private static final int PARTITIONS = 4;
    /**
     * The published archive in slices: the test lets them out phase by phase, some just before each phase starts,
     * so that they are produced while it runs, and the last quarter only after the rebuild, see {@link #run}.
     */
    private static final int SLICES = 40;
    private static final Duration PAUSE = Duration.ofMillis(150);
    /** How far before the snapshot's watermark the overlap variant starts, per partition. */
    private static final long BEFORE_SNAPSHOT = 100;

    @TempDir
    static Path shared;

    private static LocalServers servers;
    private static Path source;
    private static JsonNode generated;
    /** Per partition, the end offset (last + 1) of the generated archive. */
    private static final Map<Integer, Long> sourceEnds = new TreeMap<>();
    /** The tables each variant ended with, to compare the two once both ran. */
    private static final Map<String, String> finishedTables = new ConcurrentHashMap<>();

    @BeforeAll
    static void generate(LocalServers localServers) throws IOException {
        servers = localServers;
        servers.kafkaBootstrapServers();
        servers.dynamoDbEndpoint();
        source = shared.resolve("source");
        generated = run("generate", "--archive", source.toString(), "--orders", Integer.toString(ORDERS),
                "--partitions", Integer.toString(PARTITIONS), "--bad-records", "0.01", "--seed", "4711", "--json");
        generated.get("endOffsets").fields().forEachRemaining(end -> sourceEnds.put(
                Integer.parseInt(end.getKey().substring(end.getKey().lastIndexOf('-') + 1)),
                end.getValue().asLong() + 1));
        assertThat(sourceEnds).hasSize(PARTITIONS);
    }

    @AfterAll
    static void bothVariantsEndIdentical() {
        if (finishedTables.size() == 2) {
            try (LiveTable tables = new LiveTable(servers)) {
                Map<String, Map<String, AttributeValue>> exact = tables.scan(finishedTables.get("exact"));
                Map<String, Map<String, AttributeValue>> overlap = tables.scan(finishedTables.get("overlap"));
                LiveTable.assertSameItems(exact, overlap);
                System.out.printf("LiveHandoffIT: both variants' tables hold the same %,d items%n", exact.size());
            }
        }
    }

    @Test
    void live_starting_exactly_at_the_handoff_ends_with_every_produced_event(@TempDir Path dir) throws Exception {
        Variant variant = run("exact", dir, false);

        assertThat(variant.live().get("duplicates").asLong()).as("duplicates")
                .isEqualTo(variant.expected().duplicates()).isZero();
        finishedTables.put("exact", variant.table());
    }

    @Test
    void live_starting_before_the_handoff_counts_every_overlapping_event_as_a_duplicate(@TempDir Path dir)
            throws Exception {
        Variant variant = run("overlap", dir, true);

        long overlapHandled = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(variant.starts().get(p)).as("start of partition %d", p)
                    .isLessThanOrEqualTo(variant.snapshotWatermark().get(p))
                    .isLessThan(variant.handoff().get(p));
            Map<String, Long> overlap = variant.folded().outcomes(p, variant.starts().get(p), variant.handoff().get(p));
            overlapHandled += overlap.getOrDefault(APPLIED.name(), 0L) + overlap.getOrDefault(DUPLICATE.name(), 0L);
        }
        System.out.printf("LiveHandoffIT overlap: %,d handled events re-delivered before the handoff%n",
                overlapHandled);
        assertThat(overlapHandled).as("handled events in the overlap").isGreaterThan(1000);
        assertThat(variant.live().get("duplicates").asLong()).as("duplicates: every handled event of the overlap")
                .isEqualTo(variant.expected().duplicates()).isEqualTo(overlapHandled);
        finishedTables.put("overlap", variant.table());
    }

    /** What a variant's run saw; offsets per partition. */
    private record Variant(String table, Map<Integer, Long> snapshotWatermark, Map<Integer, Long> handoff,
                           Map<Integer, Long> starts, ExpectedOrderHistory folded, ExpectedLive expected,
                           JsonNode live) {
    }

    /** The counts {@code live --json} must report, from the independent fold of the records it consumes. */
    private record ExpectedLive(long records, long applied, long duplicates, long skipped, Map<String, Long> dead) {
    }

    /**
     * Publishes the archive slice by slice while archiving, snapshotting, archiving more and rebuilding; then
     * runs live until caught up and checks the table, the summary and the catalog. With {@code overlap}, the
     * consumer group first gets committed offsets {@link #BEFORE_SNAPSHOT} before the snapshot's watermark.
     */
    private static Variant run(String name, Path dir, boolean overlap) throws Exception {
        long started = System.nanoTime();
        String table = "live-handoff-" + name;
        String catalog = table + "-catalog";
        String archive = dir.resolve("archive").toString();
        String snapshots = dir.resolve("snapshots").toString();
        Map<String, String> env = servers.environment();
        try (LiveKafka kafka = new LiveKafka(servers.kafkaBootstrapServers());
             LiveTable tables = new LiveTable(servers)) {
            kafka.freshTopic(PARTITIONS);
            Map<Integer, Long> snapshotWatermark;
            Map<Integer, Long> handoff;
            JsonNode rebuild;
            try (LiveKafka.Slices slices = kafka.slices(source, sourceEnds, SLICES, PAUSE)) {
                slices.allow(SLICES / 4);
                slices.awaitPublished(SLICES / 4);

                slices.allow(SLICES * 3 / 8); // produced while the first archive run reads the topic
                Map<Integer, Long> first = archive(archive);
                slices.allow(SLICES / 2); // ... and while the snapshot runs
                long beforeSnapshot = LiveKafka.total(kafka.endOffsets());
                JsonNode snapshot = run(env, "snapshot", "--archive", archive, "--snapshots", snapshots,
                        "--master", "local[2]", "--json");
                long afterSnapshot = LiveKafka.total(kafka.endOffsets());
                assertThat(snapshot.get("status").asText()).isEqualTo("committed");
                snapshotWatermark = partitionOffsets(snapshot.get("watermark"));
                assertThat(snapshotWatermark).as("the snapshot's watermark: what the first run archived")
                        .isEqualTo(first);

                slices.allow(SLICES * 5 / 8);
                Map<Integer, Long> second = archive(archive);
                slices.allow(SLICES * 3 / 4);
                long beforeRebuild = LiveKafka.total(kafka.endOffsets());
                rebuild = run(env, "rebuild", "--archive", archive, "--snapshots", snapshots, "--table", table,
                        "--catalog-table", catalog, "--master", "local[2]", "--json");
                long afterRebuild = LiveKafka.total(kafka.endOffsets());
                int publishedAtRebuild = slices.published();
                assertThat(rebuild.get("status").asText()).isEqualTo("LOADED");
                handoff = partitionOffsets(rebuild.get("handoff"));
                assertThat(handoff).as("the handoff: what the second run archived").isEqualTo(second);

                slices.awaitDone();
                System.out.printf(
                        "LiveHandoffIT %s: records in Kafka when the snapshot started %,d, ended %,d; when the"
                                + " rebuild started %,d, ended %,d (slice %d of %d); in all %,d%n",
                        name, beforeSnapshot,
                        afterSnapshot, beforeRebuild, afterRebuild, publishedAtRebuild, SLICES,
                        LiveKafka.total(kafka.endOffsets()));
                assertThat(afterSnapshot).as("records produced while the snapshot ran").isGreaterThan(beforeSnapshot);
                assertThat(afterRebuild).as("records produced while the rebuild ran").isGreaterThan(beforeRebuild);
                assertThat(publishedAtRebuild).as("slices published when the rebuild ended").isLessThan(SLICES);
            }
            Map<Integer, Long> ends = kafka.endOffsets();
            assertThat(ends).as("every archive offset in Kafka, with the same offsets").isEqualTo(sourceEnds);

            String group = new RebuildId(rebuild.get("id").asText()).consumerGroup();
            Map<Integer, Long> starts = new TreeMap<>();
            handoff.forEach((p, last) -> starts.put(p, last + 1));
            if (overlap) {
                snapshotWatermark.forEach((p, last) -> starts.put(p, last - BEFORE_SNAPSHOT));
                kafka.commit(group, starts);
                assertThat(kafka.committed(group)).isEqualTo(starts);
            }

            JsonNode live = run(env, "live", "--table", table, "--catalog-table", catalog, "--until-caught-up",
                    "--report-interval", "1", "--json");

            ExpectedOrderHistory folded = ExpectedOrderHistory.ofRecords(kafka.records());
            assertReadAsGenerated(folded);
            ExpectedLive expected = expectedLive(folded, starts, handoff, ends);
            Map<String, Map<String, AttributeValue>> items = tables.scan(table);
            LiveTable.assertSameItems(folded.items(), items);
            assertThat(items).hasSize(ORDERS);

            assertThat(live.get("caughtUp").asBoolean()).isTrue();
            assertThat(live.get("status").asText()).isEqualTo("LIVE");
            assertThat(live.get("records").asLong()).as("records").isEqualTo(expected.records());
            assertThat(live.get("applied").asLong()).as("applied").isEqualTo(expected.applied());
            assertThat(live.get("duplicates").asLong()).as("duplicates").isEqualTo(expected.duplicates());
            assertThat(live.get("skipped").asLong()).as("skipped").isEqualTo(expected.skipped());
            Map<String, Long> deadLettered = new TreeMap<>();
            live.get("deadLettered").fields()
                    .forEachRemaining(f -> deadLettered.put(f.getKey(), f.getValue().asLong()));
            assertThat(deadLettered).as("dead letters").isEqualTo(expected.dead());
            assertThat(expected.dead()).as("bad records after the start").isNotEmpty();
            ends.forEach((p, end) -> {
                JsonNode position = live.get("positions").get(LiveKafka.TOPIC + "-" + p);
                assertThat(position.get("offset").asLong()).as("position of partition %d", p).isEqualTo(end);
                assertThat(position.get("lag").asLong()).as("lag of partition %d", p).isZero();
            });
            assertThat(kafka.committed(group)).as("committed offsets").isEqualTo(ends);

            JsonNode status = run(env, "status", "--catalog-table", catalog, "--json");
            List<String> statuses = new ArrayList<>();
            status.get("rebuilds").forEach(entry -> statuses.add(entry.get("id").asText() + " "
                    + entry.get("status").asText()));
            assertThat(statuses).containsExactly(rebuild.get("id").asText() + " LIVE");

            System.out.printf("LiveHandoffIT %s: snapshot watermark %s, handoff %s, live from %s to %s: %s; %,d items;"
                    + " %.1f s%n", name, snapshotWatermark, handoff, starts, ends, counts(live), items.size(),
                    (System.nanoTime() - started) / 1e9);
            return new Variant(table, snapshotWatermark, handoff, starts, folded, expected, live);
        }
    }

    /** Archives what the topic holds now, going on after the archive's last offset; its last offsets. */
    private static Map<Integer, Long> archive(String archive) throws IOException {
        ArchiveReport report;
        try (ArchiveStore store = new LocalArchiveStore(archive)) {
            report = new TopicArchiver(servers.kafkaBootstrapServers(), store)
                    .archive(ArchiveRequest.of(LiveKafka.TOPIC).withRecordsPerFile(700));
        }
        Map<Integer, Long> last = new TreeMap<>();
        for (PartitionArchived p : report.partitions().values()) {
            assertThat(p.records()).as("records archived of %s", p.partition()).isPositive();
            assertThat(p.gaps()).isZero();
            last.put(p.partition().partition(), p.lastOffset().orElseThrow());
        }
        return last;
    }

    /**
     * Of the records live consumes ({@code starts} to {@code ends}): handled events up to the handoff are in the
     * table already (duplicates), after it they are applied unless the fold found them duplicates too.
     */
    private static ExpectedLive expectedLive(ExpectedOrderHistory folded, Map<Integer, Long> starts,
                                             Map<Integer, Long> handoff, Map<Integer, Long> ends) {
        long records = 0;
        long applied = 0;
        long duplicates = 0;
        long skipped = 0;
        Map<String, Long> dead = new TreeMap<>();
        for (int p : ends.keySet()) {
            records += ends.get(p) - starts.get(p);
            Map<String, Long> before = folded.outcomes(p, starts.get(p), handoff.get(p));
            Map<String, Long> after = folded.outcomes(p, Math.max(starts.get(p), handoff.get(p) + 1), ends.get(p) - 1);
            for (Map<String, Long> range : List.of(before, after)) {
                range.forEach((outcome, n) -> {
                    if (!outcome.equals(APPLIED.name()) && !outcome.equals(DUPLICATE.name())
                            && !outcome.equals(SKIPPED.name())) {
                        dead.merge(outcome, n, Long::sum);
                    }
                });
                skipped += range.getOrDefault(SKIPPED.name(), 0L);
                duplicates += range.getOrDefault(DUPLICATE.name(), 0L);
            }
            duplicates += before.getOrDefault(APPLIED.name(), 0L);
            applied += after.getOrDefault(APPLIED.name(), 0L);
        }
        return new ExpectedLive(records, applied, duplicates, skipped, dead);
    }

    /** The independent reading of the topic saw what the generator says it wrote (corrupt copies aside). */
    private static void assertReadAsGenerated(ExpectedOrderHistory folded) {
        assertThat(folded.holes()).isEmpty();
        assertThat(folded.records()).as("records").isEqualTo(generated.get("records").asLong());
        assertThat(folded.skipped()).as("unhandled events").isEqualTo(generated.get("unhandled").asLong());
        assertThat(folded.applied() + folded.skipped() + folded.duplicateEvents()).as("events")
                .isEqualTo(generated.get("events").asLong());
        for (String reason : List.of("not-json", "missing-header", "bad-payload")) {
            assertThat(folded.rejected(reason)).as(reason).isPositive()
                    .isEqualTo(generated.get("rejected").path(reason).asLong());
        }
        assertThat(folded.items()).hasSize(ORDERS);
    }

    /** {@code {"topic": {"0": 12, ...}}} → partition → offset. */
    private static Map<Integer, Long> partitionOffsets(JsonNode watermark) {
        Map<Integer, Long> offsets = new TreeMap<>();
        watermark.get(LiveKafka.TOPIC).fields()
                .forEachRemaining(p -> offsets.put(Integer.parseInt(p.getKey()), p.getValue().asLong()));
        return offsets;
    }

    private static String counts(JsonNode live) {
        return Stream.of("records", "applied", "duplicates", "skipped", "deadLettered")
                .map(field -> field + " " + live.get(field)).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static JsonNode run(String... args) throws IOException {
        return run(Map.of(), args);
    }

    private static JsonNode run(Map<String, String> env, String... args) throws IOException {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as("reproject %s%n%s", String.join(" ", args), run.err()).isZero();
        return JSON.readTree(run.out());
    }
}
