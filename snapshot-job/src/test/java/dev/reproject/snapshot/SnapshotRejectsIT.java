package dev.reproject.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reproject.cli.api.CommandLines;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.core.decode.RecordText;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SandboxCredentials;
import dev.reproject.snapshot.cli.SnapshotCommand;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.reproject.snapshot.ActivityArchive.lines;
import static dev.reproject.snapshot.ActivityArchive.placed;
import static dev.reproject.snapshot.ActivityArchive.registered;
import static dev.reproject.snapshot.ConsumerActivityView.CONSUMERS;
import static dev.reproject.snapshot.ConsumerActivityView.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reject reason, end to end through {@code snapshot}: each lands in the snapshot's rejected/ area
 * with its source and raw line, its count is in the manifest, and {@code --max-rejected} exits 3 after the
 * snapshot is committed.
 */
@ExtendWith(LocalServersExtension.class)
class SnapshotRejectsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_reason_lands_in_rejected_and_max_rejected_exits_3_after_committing(LocalServers servers,
                                                                                  @TempDir Path dir)
            throws IOException {
        ActivityArchive archive = new ActivityArchive(dir.resolve("archive"));
        String good = registered(archive.nextId(), "c1", "Ann");
        String notJson = registered(archive.nextId(), "c2", "Bob").substring(0, 50);
        String missingHeader = registered(archive.nextId(), "c3", "Cy").replace("\"event-aggregate-id\"", "\"x\"");
        ObjectNode payloadNotAString = (ObjectNode) JSON.readTree(registered(archive.nextId(), "c4", "Di"));
        payloadNotAString.putArray("payload").add(1).add(2);
        String badPayload = payloadNotAString.toString();
        String tooLarge = registered(archive.nextId(), "c5", "E".repeat(420_000));
        String tooLong = registered(archive.nextId(), "c6", "F".repeat(RecordText.MAX_BYTES));
        archive.append(CONSUMERS, 0, lines(good, notJson, missingHeader, badPayload, tooLarge, tooLong));

        String placedOk = placed(archive.nextId(), "o1", "c1", "R1");
        String invalidEvent = placed(archive.nextId(), "o2", "c1", null);
        String invalidUpdate = ActivityArchive.placedWithEmptyTags(archive.nextId(), "o3", "c1", "R2");
        String orders = archive.append(ORDERS, 0, lines(placedOk, invalidEvent, invalidUpdate));
        // a corrupt gzip copy of the orders file: unreadable, but its records are held by the original
        byte[] gz = ActivityArchive.gzip(Files.readAllBytes(archive.root().resolve(orders)));
        archive.writeBytes("topics/" + ORDERS + "/copy/" + ORDERS + "+0+0000000000.json.gz",
                Arrays.copyOf(gz, gz.length / 2));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = CommandLines.configure(new CommandLine(new SnapshotCommand()), Map.of());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit;
        SandboxCredentials.SystemPropertiesScope credentials = servers.credentials().inSystemProperties();
        try {
            exit = command.execute("--archive", archive.root().toString(), "--snapshots",
                    dir.resolve("snapshots").toString(), "--view", ConsumerActivityView.NAME, "--master", "local[2]",
                    "--max-rejected", "3", "--json",
                    // where its lease is kept
                    "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--region", servers.region());
        } finally {
            credentials.close();
        }

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.TOO_MANY_REJECTED);
        assertThat(err.toString()).contains("8 records rejected, more than --max-rejected 3");
        JsonNode summary = JSON.readTree(out.toString());
        assertThat(summary.get("status").asText()).isEqualTo("committed");

        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                new Configuration());
        SnapshotManifest manifest = store.latest(ConsumerActivityView.NAME).orElseThrow();
        for (RejectReason reason : RejectReason.values()) {
            assertThat(manifest.counts().rejected(reason)).as(reason.code()).isEqualTo(1);
        }
        assertThat(manifest.counts().items()).isEqualTo(1); // c1 only: Ann, with order o1
        assertThat(manifest.counts().applied()).isEqualTo(2);

        Map<String, JsonNode> rejected = new HashMap<>();
        for (JsonNode record : rejectedRecords(dir.resolve("snapshots").resolve(ConsumerActivityView.NAME)
                .resolve(manifest.id().value()).resolve(manifest.rejected()))) {
            rejected.put(record.get("reason").asText(), record);
        }
        assertThat(rejected).containsOnlyKeys(List.of(RejectReason.values()).stream().map(RejectReason::code).toList());
        assertThat(rejected.get("not-json").get("raw").asText()).isEqualTo(notJson);
        assertThat(rejected.get("not-json").get("offset").asLong()).isEqualTo(1);
        assertThat(rejected.get("missing-header").get("raw").asText()).isEqualTo(missingHeader);
        assertThat(rejected.get("bad-payload").get("line").asLong()).isEqualTo(3);
        assertThat(rejected.get("item-too-large").get("raw").asText()).hasSize(65_536)
                .isEqualTo(tooLarge.substring(0, 65_536));
        assertThat(rejected.get("item-too-large").get("offset").asLong()).isEqualTo(4);
        assertThat(rejected.get("record-too-large").get("raw").asText()).isEqualTo(tooLong.substring(0, 1024));
        assertThat(rejected.get("record-too-large").get("offset").asLong()).isEqualTo(5);
        assertThat(rejected.get("record-too-large").get("detail").asText())
                .isEqualTo("the record is " + tooLong.length() + " bytes long; at most " + RecordText.MAX_BYTES
                        + " bytes are read");
        assertThat(rejected.get("invalid-event").get("raw").asText()).isEqualTo(invalidEvent);
        assertThat(rejected.get("invalid-event").get("detail").asText()).contains("restaurant");
        assertThat(rejected.get("invalid-update").get("raw").asText()).isEqualTo(invalidUpdate);
        assertThat(rejected.get("invalid-update").get("topic").asText()).isEqualTo(ORDERS);
        assertThat(rejected.get("unreadable-file").get("file").asText())
                .endsWith("copy/" + ORDERS + "+0+0000000000.json.gz");
    }

    private static List<JsonNode> rejectedRecords(Path dir) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }
}
