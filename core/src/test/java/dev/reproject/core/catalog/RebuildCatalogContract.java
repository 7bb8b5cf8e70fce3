package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules every {@link RebuildCatalog} follows, written once: a subclass supplies a new, empty catalog per test
 * (the in-memory one in core's unit tests, the DynamoDB one on dynalite in the aws module's ITs). Shipped in core's
 * test jar.
 */
public abstract class RebuildCatalogContract {

    protected static final SourcePartition P0 = new SourcePartition("orders", 0);
    protected static final SourcePartition P1 = new SourcePartition("orders", 1);
    protected static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    protected static final SnapshotId S1 = new SnapshotId("20261130T115714.123Z");
    protected static final SnapshotId S2 = new SnapshotId("20261201T000000.000Z");
    protected static final RebuildId A1 = RebuildId.of("table-a", S1);
    protected static final RebuildId A2 = RebuildId.of("table-a", S2);
    protected static final RebuildId B1 = RebuildId.of("table-b", S1);

    protected RebuildCatalog catalog;

    /** A new catalog with nothing in it, whose clock is {@code clock}. */
    protected abstract RebuildCatalog newCatalog(Clock clock);

    @BeforeEach
    void emptyCatalog() {
        catalog = newCatalog(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    protected static RebuildEntry loading(RebuildId id) {
        return RebuildEntry.loading(id, "order-history", "s3a://b/archive", Watermark.of(Map.of(P0, 9L)), NOW);
    }

    @Test
    void givenNoEntries_thenReadsFindNothing_andMarkLoadedNamesTheMissingRebuild() {
        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.entriesForTable("table-a")).isEmpty();
        assertThat(catalog.get(A1)).isEmpty();
        assertThatThrownBy(() -> catalog.markLoaded(A1, Map.of(), Watermark.empty()))
                .hasMessageContaining("no rebuild " + A1);
    }

    @Test
    void beginMarkLoaded_thenGetEntriesForTableAndAll_byId() {
        catalog.begin(loading(B1));
        catalog.begin(loading(A2));
        catalog.begin(loading(A1));

        RebuildEntry loaded = catalog.markLoaded(A1, Map.of("itemsWritten", 5000L, "writeCalls", 200L),
                Watermark.of(Map.of(P0, 41L, P1, 7L)));

        RebuildEntry expected = loading(A1).loaded(Map.of("itemsWritten", 5000L, "writeCalls", 200L),
                Watermark.of(Map.of(P0, 41L, P1, 7L)), NOW);
        assertThat(loaded).isEqualTo(expected);
        assertThat(loaded.status()).isEqualTo(RebuildStatus.LOADED);
        assertThat(loaded.handoff()).isEqualTo(Watermark.of(Map.of(P0, 41L, P1, 7L)));
        assertThat(catalog.get(A1)).hasValue(expected);
        assertThat(catalog.entriesForTable("table-a")).extracting(RebuildEntry::id).containsExactly(A1, A2);
        assertThat(catalog.entriesForTable("table-c")).isEmpty();
        assertThat(catalog.all()).extracting(RebuildEntry::id).containsExactly(A1, A2, B1);
    }

    @Test
    void givenACrashedRun_thenBeginningAgainReplacesIt() {
        catalog.begin(loading(A1));
        RebuildEntry rerun = RebuildEntry.loading(A1, "order-history", "s3a://b/archive-2",
                Watermark.of(Map.of(P0, 12L)), NOW.plusSeconds(600));

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
    void givenAnEntryThatIsNotLoading_thenBeginRefusesIt() {
        RebuildEntry loaded = loading(A1).withStatus(RebuildStatus.LOADED, NOW);

        assertThatThrownBy(() -> catalog.begin(loaded)).isInstanceOf(IllegalArgumentException.class);
        assertThat(catalog.get(A1)).isEmpty();
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
    void givenALiveUpdaterThatHasNotCaughtUp_thenRebuildsIntoItsTableAreRefused() {
        catalog.begin(loading(A1));
        catalog.markLoaded(A1, Map.of(), Watermark.empty());
        catalog.updateLive(A1, Map.of(P0, new LivePosition(3, 2)));

        assertThatThrownBy(() -> catalog.begin(loading(A1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LOADED, last live update");
        assertThatThrownBy(() -> catalog.begin(loading(A2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table-a").hasMessageContaining("older state");
    }

    @Test
    void givenALiveTable_thenAnyRebuildIntoItIsRefused_butOtherTablesAreNot() {
        catalog.begin(loading(A1));
        catalog.markLoaded(A1, Map.of(), Watermark.empty());
        catalog.updateLive(A1, Map.of(P0, new LivePosition(5, 0)));

        assertThatThrownBy(() -> catalog.begin(loading(A1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(A1 + " is LIVE").hasMessageContaining("--table");
        assertThatThrownBy(() -> catalog.begin(loading(A2))).isInstanceOf(IllegalStateException.class);
        assertThat(catalog.get(A1).orElseThrow().status()).isEqualTo(RebuildStatus.LIVE);

        catalog.begin(loading(B1));
        assertThat(catalog.get(B1)).isPresent();
    }

    @Test
    void recordVerify_keepsTheLatestResult_onTheEntry_andNamesAMissingOne() {
        catalog.begin(loading(A1));
        catalog.markLoaded(A1, Map.of(), Watermark.empty());
        VerifySummary wrong = new VerifySummary(NOW, Map.of("equal", 9L, "missing", 1L), 1.0,
                "s3a://b/snapshots/order-history/verify/1.json");
        VerifySummary clean = new VerifySummary(NOW.plusSeconds(60), Map.of("equal", 10L, "ahead", 2L), 0.5,
                "s3a://b/snapshots/order-history/verify/2.json");

        catalog.recordVerify(A1, wrong);
        RebuildEntry verified = catalog.recordVerify(A1, clean);

        assertThat(verified.lastVerify()).hasValue(clean);
        assertThat(catalog.get(A1).orElseThrow().lastVerify()).hasValue(clean);
        assertThat(catalog.get(A1).orElseThrow().status()).isEqualTo(RebuildStatus.LOADED);
        assertThatThrownBy(() -> catalog.recordVerify(A2, clean)).hasMessageContaining("no rebuild " + A2);
    }

    @Test
    void retire_stopsLiveReportsAndVerifies_andLetsTheTableBeRebuiltAgain() {
        catalog.begin(loading(A1));
        catalog.markLoaded(A1, Map.of(), Watermark.empty());
        catalog.updateLive(A1, Map.of(P0, new LivePosition(5, 0)));

        RebuildEntry retired = catalog.retire(A1);

        assertThat(retired.status()).isEqualTo(RebuildStatus.RETIRED);
        assertThat(catalog.retire(A1).status()).isEqualTo(RebuildStatus.RETIRED);
        assertThatThrownBy(() -> catalog.updateLive(A1, Map.of(P0, new LivePosition(6, 0))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(A1 + " was retired");
        assertThatThrownBy(() -> catalog.recordVerify(A1, new VerifySummary(NOW, Map.of(), 1.0, "r")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was retired");
        assertThat(catalog.get(A1).orElseThrow().positions()).containsEntry(P0, new LivePosition(5, 0));
        assertThatThrownBy(() -> catalog.retire(B1)).hasMessageContaining("no rebuild " + B1);

        catalog.begin(loading(A2));
        catalog.begin(loading(A1));
        assertThat(catalog.get(A1).orElseThrow().status()).isEqualTo(RebuildStatus.LOADING);
    }
}
