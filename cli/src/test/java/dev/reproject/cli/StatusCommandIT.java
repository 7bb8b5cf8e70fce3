package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.snapshot.SnapshotCounts;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reproject status} over hand-made snapshots and a catalog on dynalite. */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class StatusCommandIT {

    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final SourcePartition P0 = new SourcePartition(TOPIC, 0);
    private static final SourcePartition P1 = new SourcePartition(TOPIC, 1);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final SnapshotId S1 = new SnapshotId("20261130T115714.123Z");
    private static final SnapshotId S2 = new SnapshotId("20261201T080000.000Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalServers servers;
    private static DynamoDbClient client;

    @BeforeAll
    static void start(LocalServers localServers) {
        servers = localServers;
        client = AwsClients.dynamoDb(new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(),
                servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                        servers.credentials().secretAccessKey()));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void givenNoCatalogTable_thenNoRebuildsYet_notAnError() throws IOException {
        String table = "catalog-" + Long.toHexString(System.nanoTime());

        CliRun text = status("--catalog-table", table);
        CliRun json = status("--catalog-table", table, "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("view order-history")
                .contains("rebuilds in catalog " + table + ": no rebuilds yet")
                .doesNotContain("snapshots");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode status = JSON.readTree(json.out());
        assertThat(status.get("catalogExists").asBoolean()).isFalse();
        assertThat(status.get("rebuilds")).isEmpty();
        assertThat(status.has("snapshots")).isFalse();
    }

    @Test
    void showsSnapshots_andTheViewsRebuilds_withHandoffCountsAndLiveLag(@TempDir Path dir) throws IOException {
        SnapshotStore store = new SnapshotStore(dir.toUri(), new Configuration());
        store.commit(manifest(S1, Optional.empty(), Watermark.of(Map.of(P0, 99L, P1, 49L)), 3000, 7));
        store.commit(manifest(S2, Optional.of(S1), Watermark.of(Map.of(P0, 149L, P1, 79L)), 5000, 0));

        String table = "catalog-" + Long.toHexString(System.nanoTime());
        DynamoCatalog catalog = new DynamoCatalog(client, table, Clock.fixed(NOW, ZoneOffset.UTC));
        RebuildId live = RebuildId.of("ftgo-order-history", S2);
        catalog.begin(RebuildEntry.loading(live, "order-history", "archive", Watermark.empty(), NOW));
        catalog.markLoaded(live, Map.of("itemsWritten", 5000L, "writeCalls", 200L),
                Watermark.of(Map.of(P0, 160L, P1, 80L)));
        catalog.updateLive(live, Map.of(P0, new LivePosition(170, 4), P1, new LivePosition(81, 0)));
        RebuildId loading = RebuildId.of("ftgo-order-history-2", S2);
        catalog.begin(RebuildEntry.loading(loading, "order-history", "archive", Watermark.empty(), NOW));
        catalog.begin(RebuildEntry.loading(RebuildId.of("other-view", S1), "another-view", "archive", Watermark.empty(),
                NOW));

        CliRun json = status("--snapshots", dir.toString(), "--catalog-table", table, "--json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode status = JSON.readTree(json.out());
        assertThat(status.get("catalogExists").asBoolean()).isTrue();
        JsonNode snapshots = status.get("snapshots");
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(0).get("id").asText()).isEqualTo(S1.value());
        assertThat(snapshots.get(0).get("parent").isNull()).isTrue();
        assertThat(snapshots.get(0).get("rejected").asLong()).isEqualTo(7);
        assertThat(snapshots.get(1).get("parent").asText()).isEqualTo(S1.value());
        assertThat(snapshots.get(1).get("items").asLong()).isEqualTo(5000);
        assertThat(snapshots.get(1).get("watermark").get(TOPIC).get("1").asLong()).isEqualTo(79);

        JsonNode rebuilds = status.get("rebuilds");
        assertThat(rebuilds).as("only the view's rebuilds").hasSize(2);
        JsonNode first = rebuilds.get(0);
        assertThat(first.get("id").asText()).isEqualTo("ftgo-order-history@" + S2.value());
        assertThat(first.get("table").asText()).isEqualTo("ftgo-order-history");
        assertThat(first.get("snapshot").asText()).isEqualTo(S2.value());
        assertThat(first.get("status").asText()).isEqualTo("LOADED");
        assertThat(first.get("handoff").get(TOPIC).get("0").asLong()).isEqualTo(160);
        assertThat(first.get("counts").get("itemsWritten").asLong()).isEqualTo(5000);
        assertThat(first.get("live").get(TOPIC).get("0").get("lag").asLong()).isEqualTo(4);
        assertThat(first.get("totalLag").asLong()).isEqualTo(4);
        assertThat(rebuilds.get(1).get("status").asText()).isEqualTo("LOADING");

        CliRun text = status("--snapshots", dir.toString(), "--catalog-table", table);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains(S1 + "  full run  3,000 items  7 rejected  watermark " + TOPIC + " 0:99 1:49")
                .contains(S2 + "  continues " + S1)
                .contains("alias: none (nothing promoted yet): query and serve read ftgo-order-history@" + S2
                        + ", the newest LIVE (else LOADED) rebuild")
                // the live report's age depends on today's date (the catalog's clock is fixed)
                .containsPattern("\n\\*  ftgo-order-history    " + S2 + "  LOADED     4  \\d+ d ago +-         -\n")
                .contains("\n   ftgo-order-history-2  " + S2 + "  LOADING    -  -            -         -\n")
                .contains("ftgo-order-history@" + S2.value() + ": started " + NOW)
                .contains("handoff " + TOPIC + " 0:160 1:80")
                .contains("counts itemsWritten=5000 writeCalls=200")
                .contains("live lag 4").contains(TOPIC + "-0 offset 170 lag 4")
                .doesNotContain("other-view");

        CliRun atTheLimit = status("--catalog-table", table, "--max-lag", "4");
        assertThat(atTheLimit.exitCode()).as(atTheLimit.err()).isZero();
        assertThat(atTheLimit.err()).doesNotContain("lagging");
        CliRun above = status("--catalog-table", table, "--max-lag", "3");
        assertThat(above.exitCode()).isEqualTo(6);
        assertThat(above.err()).contains("lagging: ftgo-order-history@" + S2.value() + " " + TOPIC
                + "/0 lag 4 (reported " + NOW + ") > --max-lag 3").doesNotContain(TOPIC + "/1");
    }

    @Test
    void givenAViewWithoutSnapshots_thenNoneCommitted(@TempDir Path dir) {
        CliRun text = status("--snapshots", dir.toString(), "--catalog-table", "catalog-none", "--view",
                "nothing-here");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("view nothing-here").contains(": none committed").contains("no rebuilds yet");
    }

    private static CliRun status(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "status";
        all[1] = "--dynamodb-endpoint";
        all[2] = servers.dynamoDbEndpoint().toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.run(Map.of("REPROJECT_REGION", servers.region()), all);
    }

    private static SnapshotManifest manifest(SnapshotId id, Optional<SnapshotId> parent, Watermark watermark,
                                             long items, long rejected) {
        SnapshotCounts counts = new SnapshotCounts(4, 0, 4, items * 3, items * 3, items * 3, 0, 0, 0, 0,
                rejected == 0 ? Map.of() : Map.of(RejectReason.NOT_JSON, rejected), items);
        return new SnapshotManifest(id, "order-history", "fingerprint", parent, id.time(), "archive",
                new ArchivePosition(watermark, Map.of()), List.of(), counts, SnapshotManifest.DATA_DIR,
                SnapshotManifest.REJECTED_DIR);
    }
}
