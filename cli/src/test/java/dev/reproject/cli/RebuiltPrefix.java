package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.archiver.ArchiveRequest;
import dev.reproject.archiver.TopicArchiver;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-up of the live tests that run after a real rebuild: a generated archive with bad records published to a
 * fresh topic, a prefix of each partition archived again with true offsets, snapshotted and rebuilt through the CLI.
 * Live then has everything after the prefix to consume.
 *
 * @param expected what the table must hold once every record of the topic is applied
 * @param ends     each partition's end offset
 * @param starts   each partition's first offset after the handoff (the prefix's end)
 * @param id       the rebuild
 */
record RebuiltPrefix(ExpectedOrderHistory expected, Map<Integer, Long> ends, Map<Integer, Long> starts, RebuildId id) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param prefix the fraction of each partition archived and rebuilt */
    static RebuiltPrefix make(LocalServers servers, LiveKafka kafka, Path dir, String table, String catalog,
                              int orders, int partitions, double prefix)
            throws Exception {
        Map<String, String> env = servers.environment();
        Path source = dir.resolve("source");
        String archive = dir.resolve("archive").toString();
        String snapshots = dir.resolve("snapshots").toString();
        run(env, "generate", "--archive", source.toString(), "--orders", Integer.toString(orders),
                "--partitions", Integer.toString(partitions), "--bad-records", "0.01", "--json");
        kafka.freshTopic(partitions);
        kafka.publish(source);
        Map<Integer, Long> ends = kafka.endOffsets();
        ExpectedOrderHistory expected = ExpectedOrderHistory.ofRecords(kafka.records());
        assertThat(expected.holes()).isEmpty();

        Map<SourcePartition, Long> until = new TreeMap<>();
        ends.forEach((p, end) -> until.put(new SourcePartition(LiveKafka.TOPIC, p), Math.round(end * prefix)));
        try (ArchiveStore store = new LocalArchiveStore(archive)) {
            new TopicArchiver(servers.kafkaBootstrapServers(), store)
                    .archive(ArchiveRequest.of(LiveKafka.TOPIC).withUntilOffsets(until));
        }
        run(env, "snapshot", "--archive", archive, "--snapshots", snapshots, "--master", "local[2]", "--json");
        JsonNode rebuild = run(env, "rebuild", "--archive", archive, "--snapshots", snapshots, "--table", table,
                "--catalog-table", catalog, "--master", "local[2]", "--json");
        Map<Integer, Long> starts = new TreeMap<>();
        rebuild.get("handoff").get(LiveKafka.TOPIC).fields().forEachRemaining(
                p -> starts.put(Integer.parseInt(p.getKey()), p.getValue().asLong() + 1));
        until.forEach((tp, offset) -> assertThat(starts.get(tp.partition())).as("handoff + 1 of %s", tp)
                .isEqualTo(offset));
        return new RebuiltPrefix(expected, ends, starts, new RebuildId(rebuild.get("id").asText()));
    }

    /** Records before the handoff, summed over the partitions. */
    long first() {
        return LiveKafka.total(starts);
    }

    /** Records in the topic, summed over the partitions. */
    long end() {
        return LiveKafka.total(ends);
    }

    private static JsonNode run(Map<String, String> env, String... args) throws IOException {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as("reproject %s%n%s", String.join(" ", args), run.err()).isZero();
        return JSON.readTree(run.out());
    }
}
