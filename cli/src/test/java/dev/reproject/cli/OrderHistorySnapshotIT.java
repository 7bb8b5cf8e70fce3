package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Order History view through {@code reproject generate} and {@code reproject snapshot}: a chain of
 * incremental snapshots over an archive grown in steps — with re-delivered and corrupt copies, late
 * transitions of old orders, a straddling file, a late duplicate of an old event and a new partition —
 * has exactly the rows of one {@code --full} run over the final archive.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class OrderHistorySnapshotIT {

    /** Each snapshot takes the lease of the view's snapshots in the catalog table on dynalite. */
    private static Map<String, String> env;

    @BeforeAll
    static void servers(LocalServers servers) {
        env = Map.of("REPROJECT_DYNAMODB_ENDPOINT", servers.dynamoDbEndpoint().toString(),
                "REPROJECT_CATALOG_TABLE", "order-history-snapshot-catalog");
    }

    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void incremental_snapshots_equal_a_full_run(@TempDir Path dir) throws IOException {
        String archive = dir.resolve("archive").toString();
        String snapshots = dir.resolve("snapshots").toString();

        run("generate", "--archive", archive, "--orders", "3000", "--partitions", "4", "--bad-records", "0.01");
        JsonNode first = snapshot(archive, snapshots);
        assertThat(first.get("status").asText()).isEqualTo("committed");
        assertThat(first.get("items").asLong()).isEqualTo(3000);

        run("generate", "--archive", archive, "--orders", "2000", "--bad-records", "0.01", "--append");
        JsonNode second = snapshot(archive, snapshots);
        assertThat(second.get("parent").asText()).isEqualTo(first.get("snapshotId").asText());
        assertThat(second.get("items").asLong()).isEqualTo(5000);

        // by hand: a straddling file re-delivering the end of partition 0 and a late duplicate of its first
        // event at new offsets, and a new partition 4 holding a copy of partition 1's first file
        Path p0 = lastFile(dir.resolve("archive"), 0);
        List<String> p0Lines = Files.readAllLines(p0);
        long p0Start = startOffset(p0);
        long p0Next = p0Start + p0Lines.size();
        List<String> straddling = new java.util.ArrayList<>(p0Lines.subList(p0Lines.size() - 3, p0Lines.size()));
        straddling.add(firstLine(dir.resolve("archive"), 0));
        write(dir.resolve("archive/topics/" + TOPIC + "/redelivered"), 0, p0Next - 3, straddling);
        write(dir.resolve("archive/topics/" + TOPIC + "/partition=4"), 4, 0,
                Files.readAllLines(firstFile(dir.resolve("archive"), 1)));
        JsonNode third = snapshot(archive, snapshots);
        assertThat(third.get("duplicateRecords").asLong()).isEqualTo(3);
        assertThat(third.get("duplicateEvents").asLong()).isPositive();
        assertThat(third.get("watermark").get(TOPIC).get("0").asLong()).isEqualTo(p0Next);
        assertThat(third.get("watermark").get(TOPIC).has("4")).isTrue();

        JsonNode full = JSON.readTree(run("snapshot", "--archive", archive, "--snapshots", snapshots, "--full",
                "--master", "local[2]", "--json"));
        assertThat(full.get("items").asLong()).isEqualTo(third.get("items").asLong());
        assertThat(rows(snapshots, third)).isEqualTo(rows(snapshots, full));

        JsonNode nothing = snapshot(archive, snapshots);
        assertThat(nothing.get("status").asText()).isEqualTo("nothing-new");
    }

    private static JsonNode snapshot(String archive, String snapshots) throws IOException {
        return JSON.readTree(
                run("snapshot", "--archive", archive, "--snapshots", snapshots, "--master", "local[2]", "--json"));
    }

    private static String run(String... args) {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private static Set<Row> rows(String snapshots, JsonNode outcome) throws IOException {
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            SnapshotStore store = new SnapshotStore(ArchiveRoot.of(snapshots),
                    spark.sparkContext().hadoopConfiguration());
            SnapshotManifest m = store.read("order-history", new SnapshotId(outcome.get("snapshotId").asText()));
            return new HashSet<>(SnapshotRows.open(spark, store, m).all().collectAsList()); // through its layers
        } finally {
            spark.stop();
        }
    }

    private static Path partitionDir(Path archive, int partition) {
        return archive.resolve("topics/" + TOPIC + "/partition=" + partition);
    }

    private static List<Path> files(Path archive, int partition) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir(archive, partition))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Path lastFile(Path archive, int partition) throws IOException {
        List<Path> files = files(archive, partition);
        return files.get(files.size() - 1);
    }

    private static Path firstFile(Path archive, int partition) throws IOException {
        return files(archive, partition).get(0);
    }

    private static String firstLine(Path archive, int partition) throws IOException {
        return Files.readAllLines(firstFile(archive, partition)).get(0);
    }

    private static long startOffset(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('+') + 1, name.indexOf(".json")));
    }

    private static void write(Path dir, int partition, long start, List<String> lines) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(String.format("%s+%d+%010d.json", TOPIC, partition, start)), lines);
    }
}
