package dev.reproject.testview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.StandInCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view that lives in its own jar, as a user's would: the shaded snapshot job (which holds only the reference view)
 * runs under {@code SparkSubmit} with this module's jar in {@code --jars}, folds a hand-written archive of kitchen
 * tickets, and commits a snapshot whose rows are this view's items.
 */
@ExtendWith(LocalServersExtension.class)
class ViewJarThroughSparkSubmitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();

    @Test
    void a_view_jar_given_with_jars_is_found_and_its_items_are_in_the_snapshot(LocalServers servers,
                                                                               @TempDir Path dir)
            throws Exception {
        Path archive = dir.resolve("archive");
        writeFile(archive, 0, 0, List.of(
                created(1, "t1", "R1", 2),
                created(2, "t2", "R2", 1),
                accepted(3, "t1"),
                line(4, "test.kitchen.TicketNoted", "t2", JSON.createObjectNode()),
                line(5, KitchenTicketsView.CREATED, "t3", JSON.createObjectNode().put("restaurant", "R9"))));
        writeFile(archive, 1, 0, List.of(created(6, "t4", "R3", 5)));
        Path snapshots = dir.resolve("snapshots");

        StandInCluster.Run run = StandInCluster.submit(dir, "snapshot", List.of( // for the lease, on dynalite
                "-Daws.accessKeyId=" + servers.credentials().accessKeyId(),
                "-Daws.secretAccessKey=" + servers.credentials().secretAccessKey()),
                List.of(
                        "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                        "--jars", viewJar().toString(),
                        "--class", "dev.reproject.snapshot.cli.SnapshotMain", snapshotJobJar().toString(),
                        "--archive", archive.toUri().toString(), "--snapshots", snapshots.toUri().toString(),
                        "--view", KitchenTicketsView.NAME, "--json",
                        "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--region", servers.region()));

        assertThat(run.exitCode()).as(run.logText()).isZero();
        JsonNode summary = JSON.readTree(run.jsonLine());
        assertThat(summary.get("status").asText()).isEqualTo("committed");
        assertThat(summary.get("view").asText()).isEqualTo(KitchenTicketsView.NAME);
        assertThat(summary.get("records").asLong()).isEqualTo(6);
        assertThat(summary.get("skipped").asLong()).isEqualTo(1);
        assertThat(summary.get("rejected").get("invalid-event").asLong()).isEqualTo(1);
        assertThat(summary.get("items").asLong()).isEqualTo(3);

        Map<String, JsonNode> items = snapshotItems(snapshots.resolve(KitchenTicketsView.NAME)
                .resolve(summary.get("snapshotId").asText()).resolve("data"));
        assertThat(items).containsOnlyKeys("t1", "t2", "t4");
        assertItem(items.get("t1"), "R1", "2", "ACCEPTED", id(3));
        assertItem(items.get("t2"), "R2", "1", "CREATED", id(2));
        assertItem(items.get("t4"), "R3", "5", "CREATED", id(6));
    }

    private static void assertItem(JsonNode item, String restaurant, String lineItems, String status, String marker) {
        assertThat(item.path("restaurant").path("S").asText()).isEqualTo(restaurant);
        assertThat(item.path("lineItems").path("N").asText()).isEqualTo(lineItems);
        assertThat(item.path("status").path("S").asText()).isEqualTo(status);
        String markerAttribute = "events." + KitchenTicketsView.AGGREGATE + item.path("ticketId").path("S").asText();
        assertThat(item.path(markerAttribute).path("S").asText()).isEqualTo(marker);
    }

    /** The snapshot's rows by ticket id, each item as DynamoDB JSON, read with a Spark of this JVM. */
    private static Map<String, JsonNode> snapshotItems(Path data) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("read-snapshot")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Map<String, JsonNode> items = new TreeMap<>();
            for (Row row : spark.read().parquet(data.toUri().toString()).collectAsList()) {
                JsonNode item = JSON.readTree(row.<String>getAs("item"));
                items.put(item.path("ticketId").path("S").asText(), item);
            }
            return items;
        } finally {
            spark.stop();
        }
    }

    private static String created(int n, String ticket, String restaurant, int lineItems) {
        return line(n, KitchenTicketsView.CREATED, ticket,
                JSON.createObjectNode().put("restaurant", restaurant).put("lineItems", lineItems));
    }

    private static String accepted(int n, String ticket) {
        return line(n, KitchenTicketsView.ACCEPTED, ticket, JSON.createObjectNode());
    }

    /** Event IDs in Eventuate's {@code %016x-%016x} form, time first, growing with {@code n}. */
    private static String id(int n) {
        return String.format("%016x-%016x", START + n * 1000L, (long) n);
    }

    /** An Eventuate Tram message as the outbox writes it: the payload is the text of a JSON object. */
    private static String line(int n, String type, String ticket, ObjectNode payload) {
        ObjectNode message = JSON.createObjectNode();
        message.put("payload", payload.toString());
        ObjectNode headers = message.putObject("headers");
        headers.put("ID", id(n));
        headers.put("event-type", type);
        headers.put("event-aggregate-type", KitchenTicketsView.AGGREGATE);
        headers.put("event-aggregate-id", ticket);
        headers.put("DATE", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(START + n * 1000L).atOffset(ZoneOffset.UTC)));
        return message.toString();
    }

    /** A file as Kafka Connect's S3 sink names it: {@code topics/<topic>/partition=<p>/<topic>+<p>+<offset>.json}. */
    private static void writeFile(Path archive, int partition, long startOffset, List<String> lines) throws Exception {
        String topic = KitchenTicketsView.TOPIC;
        Path file = archive.resolve("topics").resolve(topic).resolve("partition=" + partition)
                .resolve(String.format("%s+%d+%010d.json", topic, partition, startOffset));
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** This module's own jar, built in the package phase: the view as a user ships it. */
    private static Path viewJar() throws Exception {
        return onlyFile(Path.of("target"), "reproject-test-view-", ".jar");
    }

    private static Path snapshotJobJar() throws Exception {
        return onlyFile(Path.of("target", "jobs"), "reproject-job-jars-", "-snapshot-emr.jar");
    }

    private static Path onlyFile(Path folder, String prefix, String suffix) throws Exception {
        try (var files = Files.list(folder.toAbsolutePath())) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(suffix)
                    && !f.getFileName().toString().endsWith("-tests.jar")).toList();
            assertThat(found).as("%s*%s in %s", prefix, suffix, folder).hasSize(1);
            return found.get(0);
        }
    }
}
