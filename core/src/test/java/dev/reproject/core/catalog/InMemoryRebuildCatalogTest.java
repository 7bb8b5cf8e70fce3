package dev.reproject.core.catalog;

import dev.reproject.core.event.TopicPartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRebuildCatalogTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final SnapshotId S1 = new SnapshotId("20261130T115714.123Z");
    private static final SnapshotId S2 = new SnapshotId("20261201T000000.000Z");
    private static final RebuildId A1 = RebuildId.of("table-a", S1);
    private static final RebuildId A2 = RebuildId.of("table-a", S2);
    private static final RebuildId B1 = RebuildId.of("table-b", S1);

    private final InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.fixed(NOW, ZoneOffset.UTC));

    private static RebuildEntry loading(RebuildId id) {
        return RebuildEntry.loading(id, "order-history", "archive", Watermark.empty(), NOW);
    }

    @Nested
    class Begin {

        @Test
        void givenACrashedRun_thenBeginningAgainReplacesIt() {
            catalog.begin(loading(A1));
            RebuildEntry rerun = RebuildEntry.loading(A1, "order-history", "archive-2", Watermark.empty(), NOW.plusSeconds(60));

            catalog.begin(rerun);

            assertThat(catalog.get(A1)).hasValue(rerun);
        }

        @Test
        void givenALoadedRun_thenBeginningAgainReplacesIt() {
            catalog.begin(loading(A1));
            catalog.markLoaded(A1, Map.of(), Watermark.empty());

            catalog.begin(loading(A1));

            assertThat(catalog.get(A1).orElseThrow().status()).isEqualTo(RebuildStatus.LOADING);
        }

        @Test
        void givenALiveTable_thenAnyRebuildIntoItIsRefused_butOtherTablesAreNot() {
            catalog.begin(loading(A1));
            catalog.markLoaded(A1, Map.of(), Watermark.empty());
            catalog.updateLive(A1, Map.of(P0, new LivePosition(5, 0)));

            assertThatThrownBy(() -> catalog.begin(loading(A1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("table-a").hasMessageContaining("LIVE").hasMessageContaining("--table");
            assertThatThrownBy(() -> catalog.begin(loading(A2))).isInstanceOf(IllegalStateException.class);
            catalog.begin(loading(B1));
        }

        @Test
        void givenALiveUpdaterThatHasNotCaughtUp_thenTheTableIsStillRefused() {
            catalog.begin(loading(A1));
            catalog.markLoaded(A1, Map.of(), Watermark.empty());
            catalog.updateLive(A1, Map.of(P0, new LivePosition(5, 100)));

            assertThatThrownBy(() -> catalog.begin(loading(A1))).hasMessageContaining("LOADED, last live update");
        }

        @Test
        void givenAnEntryThatIsNotLoading_thenRefused() {
            RebuildEntry loaded = loading(A1).withStatus(RebuildStatus.LOADED, NOW);

            assertThatThrownBy(() -> catalog.begin(loaded)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class MarkLoaded {

        @Test
        void givenLoading_thenLoadedWithCountsAndHandoff() {
            catalog.begin(loading(A1));

            catalog.markLoaded(A1, Map.of("itemsWritten", 3L), Watermark.of(Map.of(P0, 41L)));

            RebuildEntry entry = catalog.get(A1).orElseThrow();
            assertThat(entry.status()).isEqualTo(RebuildStatus.LOADED);
            assertThat(entry.counts()).containsEntry("itemsWritten", 3L);
            assertThat(entry.handoff()).isEqualTo(Watermark.of(Map.of(P0, 41L)));
        }

        @Test
        void givenNoEntry_orNotLoading_thenRefused() {
            assertThatThrownBy(() -> catalog.markLoaded(A1, Map.of(), Watermark.empty()))
                    .hasMessageContaining("no rebuild " + A1);
            catalog.begin(loading(A1));
            catalog.markLoaded(A1, Map.of(), Watermark.empty());
            assertThatThrownBy(() -> catalog.markLoaded(A1, Map.of(), Watermark.empty()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("it is LOADED").hasMessageContaining("not LOADING");
        }
    }

    @Test
    void updateLive_givenLoading_thenRefused() {
        catalog.begin(loading(A1));

        assertThatThrownBy(() -> catalog.updateLive(A1, Map.of(P0, new LivePosition(0, 0))))
                .hasMessageContaining("still LOADING");
    }

    @Test
    void entriesForTable_andAll_areById() {
        catalog.begin(loading(B1));
        catalog.begin(loading(A2));
        catalog.begin(loading(A1));

        assertThat(catalog.entriesForTable("table-a")).extracting(RebuildEntry::id).containsExactly(A1, A2);
        assertThat(catalog.all()).extracting(RebuildEntry::id).containsExactly(A1, A2, B1);
        assertThat(catalog.entriesForTable("table-c")).isEmpty();
    }
}
