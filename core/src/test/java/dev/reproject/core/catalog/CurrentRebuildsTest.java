package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which rebuild is current, on a real in-memory catalog filled through its own transitions. */
class CurrentRebuildsTest {

    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    private static final String VIEW = "order-history";

    private final InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.fixed(T, ZoneOffset.UTC));

    /** A rebuild of {@code table} from {@code snapshot}, brought to {@code status}, started at {@code T}. */
    private RebuildId rebuild(String table, String snapshot, String view, RebuildStatus status) {
        return rebuild(table, snapshot, view, status, T);
    }

    private RebuildId rebuild(String table, String snapshot, String view, RebuildStatus status, Instant startedAt) {
        RebuildId id = RebuildId.of(table, new SnapshotId(snapshot));
        catalog.begin(RebuildEntry.loading(id, view, "s3a://b/a", Watermark.empty(), startedAt));
        if (status != RebuildStatus.LOADING) {
            catalog.markLoaded(id, Map.of(), Watermark.empty());
        }
        if (status == RebuildStatus.LIVE) {
            catalog.updateLive(id, Map.of(new SourcePartition("orders", 0), new LivePosition(10, 0)));
        }
        return id;
    }

    private Optional<String> servedTable() {
        return CurrentRebuilds.served(catalog, VIEW).map(RebuildEntry::table);
    }

    @Nested
    class Served {

        @Test
        void theNewestLiveRebuild_evenWhenANewerOneIsOnlyLoaded() {
            rebuild("t-old", "20261101T000000.000Z", VIEW, RebuildStatus.LIVE);
            rebuild("t-live", "20261120T000000.000Z", VIEW, RebuildStatus.LIVE);
            rebuild("t-loaded", "20261125T000000.000Z", VIEW, RebuildStatus.LOADED);
            rebuild("t-loading", "20261130T000000.000Z", VIEW, RebuildStatus.LOADING);
            rebuild("t-other", "20261130T000000.000Z", "another-view", RebuildStatus.LIVE);

            assertThat(servedTable()).contains("t-live");
        }

        @Test
        void elseTheNewestLoaded_neverALoadingOne() {
            rebuild("t-c", "20261130T000000.000Z", VIEW, RebuildStatus.LOADING);
            assertThat(servedTable()).isEmpty();

            rebuild("t-a", "20261101T000000.000Z", VIEW, RebuildStatus.LOADED);
            rebuild("t-b", "20261120T000000.000Z", VIEW, RebuildStatus.LOADED);

            assertThat(servedTable()).contains("t-b");
        }

        @Test
        void ofTwoRebuildsOfTheSameSnapshot_theOneStartedLater() {
            rebuild("t-early", "20261120T000000.000Z", VIEW, RebuildStatus.LOADED, T);
            rebuild("t-late", "20261120T000000.000Z", VIEW, RebuildStatus.LOADED, T.plusSeconds(60));
            rebuild("t-earliest", "20261120T000000.000Z", VIEW, RebuildStatus.LOADED, T.minusSeconds(60));

            assertThat(servedTable()).contains("t-late");
        }

        @Test
        void nothingFromAnEmptyCatalog_orOneOfOtherViewsOnly() {
            assertThat(servedTable()).isEmpty();

            rebuild("t-other", "20261130T000000.000Z", "another-view", RebuildStatus.LIVE);

            assertThat(servedTable()).isEmpty();
        }
    }

    @Nested
    class Latest {

        @Test
        void theTablesRebuildOfTheNewestSnapshot_whateverItsStatus() {
            rebuild("t-a", "20261101T000000.000Z", VIEW, RebuildStatus.LOADED);
            RebuildId newest = rebuild("t-a", "20261120T000000.000Z", VIEW, RebuildStatus.LOADING);
            rebuild("t-b", "20261130T000000.000Z", VIEW, RebuildStatus.LOADED);

            assertThat(CurrentRebuilds.latest(catalog, "t-a")).map(RebuildEntry::id).contains(newest);
            assertThat(CurrentRebuilds.latest(catalog, "t-c")).isEmpty();
        }
    }

    @Nested
    class ToContinue {

        @Test
        void givenAnId_thatRebuild_whateverTheTable() {
            RebuildId older = rebuild("t-a", "20261101T000000.000Z", VIEW, RebuildStatus.LOADED);
            rebuild("t-a", "20261120T000000.000Z", VIEW, RebuildStatus.LOADED);

            assertThat(CurrentRebuilds.toContinue(catalog, Optional.of(older), "t-b")).map(RebuildEntry::id)
                    .contains(older);
        }

        @Test
        void givenNoId_theTablesLatest() {
            rebuild("t-b", "20261130T000000.000Z", VIEW, RebuildStatus.LOADED);
            rebuild("t-a", "20261101T000000.000Z", VIEW, RebuildStatus.LOADED);
            RebuildId newest = rebuild("t-a", "20261120T000000.000Z", VIEW, RebuildStatus.LOADED);

            assertThat(CurrentRebuilds.toContinue(catalog, Optional.empty(), "t-a")).map(RebuildEntry::id)
                    .contains(newest);
        }

        @Test
        void aLiveRebuildIsContinued() {
            RebuildId live = rebuild("t-a", "20261101T000000.000Z", VIEW, RebuildStatus.LIVE);

            assertThat(CurrentRebuilds.toContinue(catalog, Optional.empty(), "t-a"))
                    .map(RebuildEntry::status).contains(RebuildStatus.LIVE);
            assertThat(CurrentRebuilds.toContinue(catalog, Optional.of(live), "t-a"))
                    .map(RebuildEntry::id).contains(live);
        }

        @Test
        void nothingWhenTheIdOrTheTableHasNoRebuild() {
            rebuild("t-a", "20261101T000000.000Z", VIEW, RebuildStatus.LOADED);

            assertThat(CurrentRebuilds.toContinue(catalog, Optional.empty(), "t-b")).isEmpty();
            assertThat(CurrentRebuilds.toContinue(catalog,
                    Optional.of(RebuildId.of("t-a", new SnapshotId("20261120T000000.000Z"))), "t-a")).isEmpty();
        }

        @Test
        void aLoadingRebuildIsRefused_evenWithAnOlderLoadedOneOfTheTable() {
            rebuild("t-a", "20261101T000000.000Z", VIEW, RebuildStatus.LOADED);
            RebuildId loading = rebuild("t-a", "20261120T000000.000Z", VIEW, RebuildStatus.LOADING);

            assertThatThrownBy(() -> CurrentRebuilds.toContinue(catalog, Optional.empty(), "t-a"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("rebuild t-a@20261120T000000.000Z is still LOADING");
            assertThatThrownBy(() -> CurrentRebuilds.toContinue(catalog, Optional.of(loading), "t-a"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("still LOADING");
        }
    }
}
