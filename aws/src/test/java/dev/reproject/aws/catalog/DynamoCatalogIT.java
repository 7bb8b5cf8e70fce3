package dev.reproject.aws.catalog;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.event.TopicPartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DynamoCatalog} on dynalite; each test on a catalog table of its own. */
@ExtendWith(LocalServersExtension.class)
class DynamoCatalogIT {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final SnapshotId S1 = new SnapshotId("20261130T115714.123Z");
    private static final SnapshotId S2 = new SnapshotId("20261201T000000.000Z");
    private static final RebuildId A1 = RebuildId.of("table-a", S1);
    private static final RebuildId A2 = RebuildId.of("table-a", S2);
    private static final RebuildId B1 = RebuildId.of("table-b", S1);

    private static DynamoDbClient client;
    private DynamoCatalog catalog;

    @BeforeAll
    static void connect(LocalServers servers) {
        client = AwsClients.dynamoDb(new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(), servers.region())
                .withStaticCredentials(servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()));
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void newCatalog() {
        catalog = new DynamoCatalog(client, "catalog-" + Long.toHexString(System.nanoTime()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RebuildEntry loading(RebuildId id) {
        return RebuildEntry.loading(id, "order-history", "s3a://b/archive", Watermark.of(Map.of(P0, 9L)), NOW);
    }

    @Test
    void givenNoCatalogTable_thenReadsFindNothing_andTheFirstBeginCreatesIt() {
        assertThat(catalog.exists()).isFalse();
        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.entriesForTable("table-a")).isEmpty();
        assertThat(catalog.get(A1)).isEmpty();
        assertThatThrownBy(() -> catalog.markLoaded(A1, Map.of(), Watermark.empty()))
                .hasMessageContaining("no rebuild " + A1);

        catalog.begin(loading(A1));

        assertThat(catalog.exists()).isTrue();
        assertThat(catalog.get(A1)).hasValue(loading(A1));
    }

    @Test
    void beginMarkLoaded_thenGetEntriesForTableAndAll() {
        catalog.begin(loading(B1));
        catalog.begin(loading(A2));
        catalog.begin(loading(A1));

        RebuildEntry loaded = catalog.markLoaded(A1, Map.of("itemsWritten", 5000L, "writeCalls", 200L),
                Watermark.of(Map.of(P0, 41L, P1, 7L)));

        RebuildEntry expected = loading(A1).loaded(Map.of("itemsWritten", 5000L, "writeCalls", 200L),
                Watermark.of(Map.of(P0, 41L, P1, 7L)), NOW);
        assertThat(loaded).isEqualTo(expected);
        assertThat(catalog.get(A1)).hasValue(expected);
        assertThat(catalog.entriesForTable("table-a")).extracting(RebuildEntry::id).containsExactly(A1, A2);
        assertThat(catalog.entriesForTable("table-c")).isEmpty();
        assertThat(catalog.all()).extracting(RebuildEntry::id).containsExactly(A1, A2, B1);
    }

    @Test
    void givenACrashedRun_thenBeginningAgainReplacesIt() {
        catalog.begin(loading(A1));
        RebuildEntry rerun = RebuildEntry.loading(A1, "order-history", "s3a://b/archive", Watermark.of(Map.of(P0, 12L)),
                NOW.plusSeconds(600));

        catalog.begin(rerun);

        assertThat(catalog.get(A1)).hasValue(rerun);
        assertThat(catalog.all()).hasSize(1);
    }

    @Test
    void givenALoadedRun_thenBeginningAgainReplacesIt_andItMustLoadAgain() {
        catalog.begin(loading(A1));
        catalog.markLoaded(A1, Map.of(), Watermark.empty());

        catalog.begin(loading(A1));

        assertThat(catalog.get(A1).orElseThrow().status()).isEqualTo(RebuildStatus.LOADING);
    }

    @Test
    void markLoaded_isConditionalOnLoading() {
        catalog.begin(loading(A1));
        catalog.markLoaded(A1, Map.of("itemsWritten", 1L), Watermark.empty());

        assertThatThrownBy(() -> catalog.markLoaded(A1, Map.of("itemsWritten", 2L), Watermark.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("it is LOADED").hasMessageContaining("not LOADING");
        assertThat(catalog.get(A1).orElseThrow().counts()).containsEntry("itemsWritten", 1L);
        assertThatThrownBy(() -> catalog.markLoaded(A2, Map.of(), Watermark.empty()))
                .hasMessageContaining("no rebuild " + A2);
    }

    @Test
    void updateLive_recordsPositions_andGoesLiveOnceCaughtUp_andOnlyAfterLoaded() {
        catalog.begin(loading(A1));
        assertThatThrownBy(() -> catalog.updateLive(A1, Map.of(P0, new LivePosition(10, 0))))
                .hasMessageContaining("still LOADING");
        catalog.markLoaded(A1, Map.of(), Watermark.of(Map.of(P0, 9L)));

        RebuildEntry lagging = catalog.updateLive(A1, Map.of(P0, new LivePosition(10, 5), P1, new LivePosition(0, 0)));
        assertThat(lagging.status()).isEqualTo(RebuildStatus.LOADED);
        assertThat(lagging.positions()).containsEntry(P0, new LivePosition(10, 5));
        assertThat(lagging.lastLiveUpdate()).hasValue(NOW);

        catalog.updateLive(A1, Map.of(P0, new LivePosition(15, 0), P1, new LivePosition(0, 0)));
        RebuildEntry behind = catalog.updateLive(A1, Map.of(P0, new LivePosition(15, 4), P1, new LivePosition(0, 0)));

        assertThat(behind.status()).isEqualTo(RebuildStatus.LIVE);
        assertThat(catalog.get(A1)).hasValue(behind);
        assertThat(behind.totalLag()).isEqualTo(4);
    }

    @Test
    void givenALiveUpdaterHasWrittenToTheTable_thenRebuildsIntoItAreRefused() {
        catalog.begin(loading(A1));
        catalog.markLoaded(A1, Map.of(), Watermark.empty());
        catalog.updateLive(A1, Map.of(P0, new LivePosition(3, 2)));

        assertThatThrownBy(() -> catalog.begin(loading(A2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table-a").hasMessageContaining("older state");

        catalog.updateLive(A1, Map.of(P0, new LivePosition(5, 0)));
        assertThatThrownBy(() -> catalog.begin(loading(A1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(A1 + " is LIVE");
        assertThat(catalog.get(A1).orElseThrow().status()).isEqualTo(RebuildStatus.LIVE);

        catalog.begin(loading(B1));
        assertThat(catalog.get(B1)).isPresent();
    }
}
