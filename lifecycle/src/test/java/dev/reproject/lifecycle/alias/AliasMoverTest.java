package dev.reproject.lifecycle.alias;

import dev.reproject.core.alias.AliasMove;
import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.alias.InMemoryAliasStore;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.VerifySummary;
import dev.reproject.core.error.BusyException;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AliasMoverTest {

    private static final String VIEW = "order-history";
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    private static final SourcePartition P0 = new SourcePartition("orders", 0);
    private static final RebuildId BLUE = RebuildId.of("orders-blue", new SnapshotId("20261201T000000.000Z"));
    private static final RebuildId GREEN = RebuildId.of("orders-green", new SnapshotId("20261207T000000.000Z"));
    private static final RebuildId GREY = RebuildId.of("orders-grey", new SnapshotId("20261207T000000.000Z"));
    private static final VerifySummary CLEAN = new VerifySummary(T0.plusSeconds(1), Map.of("equal", 10L), 1.0, "r");

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(clock);
    private final InMemoryAliasStore aliases = new InMemoryAliasStore();
    private final AliasMover mover = new AliasMover(catalog, aliases, clock);

    @Nested
    class Promote {

        @Test
        void aLiveVerifiedRebuild_becomesTheAlias_fromNothing() {
            ready(BLUE);

            AliasOutcome outcome = mover.promote(VIEW, BLUE, 0, false, "first");

            assertThat(outcome).isInstanceOf(AliasOutcome.Moved.class);
            assertThat(((AliasOutcome.Moved) outcome).describe()).isEqualTo(VIEW + ": (nothing) → " + BLUE);
            ViewAlias alias = aliases.get(VIEW);
            assertThat(alias.target()).contains(BLUE);
            assertThat(alias.history()).containsExactly(new AliasMove(AliasMove.Kind.PROMOTE, Optional.empty(),
                    BLUE, T0, false, "first"));
        }

        @Test
        void aLoadedUnverifiedLaggingRebuild_isRefused_witheveryReason_andTheAliasStays() {
            ready(BLUE);
            mover.promote(VIEW, BLUE, 0, false, "");
            catalog.begin(RebuildEntry.loading(GREEN, VIEW, "archive", Watermark.empty(), T0));
            catalog.markLoaded(GREEN, Map.of(), Watermark.empty());
            catalog.updateLive(GREEN, Map.of(P0, new LivePosition(100, 50)));

            AliasOutcome outcome = mover.promote(VIEW, GREEN, 10, false, "");

            assertThat(outcome).isInstanceOf(AliasOutcome.Refused.class);
            assertThat(((AliasOutcome.Refused) outcome).reasons()).containsExactly(
                    GREEN + " is LOADED, not LIVE: run 'reproject live' for it until it has caught up",
                    "orders/0 lags by 50 records (more than --max-lag 10)",
                    "orders-green was never verified: run 'reproject verify' for it");
            assertThat(aliases.get(VIEW).target()).contains(BLUE);
            assertThat(aliases.get(VIEW).version()).isEqualTo(1);
        }

        @Test
        void force_movesAnyway_andRecordsTheReasons() {
            catalog.begin(RebuildEntry.loading(GREEN, VIEW, "archive", Watermark.empty(), T0));
            catalog.markLoaded(GREEN, Map.of(), Watermark.empty());

            AliasOutcome outcome = mover.promote(VIEW, GREEN, 0, true, "hotfix");

            assertThat(((AliasOutcome.Moved) outcome).overridden()).hasSize(2);
            AliasMove move = aliases.get(VIEW).history().get(0);
            assertThat(move.forced()).isTrue();
            assertThat(move.note()).isEqualTo("forced past: " + GREEN + " is LOADED, not LIVE: run 'reproject live' "
                    + "for it until it has caught up; orders-green was never verified: run 'reproject verify' for "
                    + "it — hotfix");
        }

        @Test
        void aRetiredOrLoadingRebuild_isRefused_evenWithForce() {
            ready(BLUE);
            catalog.retire(BLUE);
            catalog.begin(RebuildEntry.loading(GREEN, VIEW, "archive", Watermark.empty(), T0));

            assertThat(mover.promote(VIEW, BLUE, 0, true, "")).isEqualTo(new AliasOutcome.Refused(List.of(
                    BLUE + " is RETIRED: its table was deleted; not even --force promotes it")));
            assertThat(mover.promote(VIEW, GREEN, 0, true, "")).isEqualTo(new AliasOutcome.Refused(List.of(
                    GREEN + " is LOADING: its table is not whole yet; not even --force promotes it")));
            assertThat(aliases.get(VIEW).version()).isZero();
        }

        @Test
        void theRebuildServingAlready_movesNothing() {
            ready(BLUE);
            mover.promote(VIEW, BLUE, 0, false, "");

            assertThat(mover.promote(VIEW, BLUE, 0, false, "")).isInstanceOf(AliasOutcome.Unchanged.class);
            assertThat(aliases.get(VIEW).version()).isEqualTo(1);
        }

        @Test
        void anUnknownRebuild_isNotFound_andOneOfAnotherView_aUsageError() {
            catalog.begin(RebuildEntry.loading(GREY, "other-view", "archive", Watermark.empty(), T0));

            assertThatThrownBy(() -> mover.promote(VIEW, GREEN, 0, false, ""))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("no rebuild " + GREEN);
            assertThatThrownBy(() -> mover.promote(VIEW, GREY, 0, true, ""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--view other-view");
        }

        @Test
        void aConcurrentMove_winsOverThisOne_whichChangesNothing() {
            ready(BLUE);
            ready(GREEN);
            AliasStore racing = new AliasStore() {
                private boolean raced;

                @Override
                public ViewAlias get(String view) {
                    ViewAlias read = aliases.get(view);
                    if (!raced) { // another promote, between this mover's read and its write
                        raced = true;
                        new AliasMover(catalog, aliases, clock).promote(VIEW, BLUE, 0, false, "the other");
                    }
                    return read;
                }

                @Override
                public ViewAlias replace(ViewAlias read, ViewAlias next) {
                    return aliases.replace(read, next);
                }

                @Override
                public List<ViewAlias> all() {
                    return aliases.all();
                }
            };

            assertThatThrownBy(() -> new AliasMover(catalog, racing, clock).promote(VIEW, GREEN, 0, false, ""))
                    .isInstanceOf(BusyException.class)
                    .hasMessageContaining("moved since it was read (version 0, now 1, serving " + BLUE + ")");
            assertThat(aliases.get(VIEW).target()).contains(BLUE);
            assertThat(aliases.get(VIEW).history()).singleElement().extracting(AliasMove::note).isEqualTo("the other");
        }
    }

    @Nested
    class RollBack {

        @Test
        void goesBackToThePreviousTable_andThenForwardAgain() {
            ready(BLUE);
            ready(GREEN);
            mover.promote(VIEW, BLUE, 0, false, "");
            mover.promote(VIEW, GREEN, 0, false, "");

            AliasOutcome back = mover.rollBack(VIEW, "bad field");

            assertThat(((AliasOutcome.Moved) back).describe()).isEqualTo(VIEW + ": " + GREEN + " → " + BLUE);
            assertThat(aliases.get(VIEW).target()).contains(BLUE);
            assertThat(aliases.get(VIEW).history()).last().isEqualTo(new AliasMove(AliasMove.Kind.ROLLBACK,
                    Optional.of(GREEN), BLUE, T0, false, "bad field"));
            assertThat(((AliasOutcome.Moved) mover.rollBack(VIEW, "")).describe())
                    .isEqualTo(VIEW + ": " + BLUE + " → " + GREEN);
        }

        @Test
        void isRefused_withNothingBefore() {
            assertThat(mover.rollBack(VIEW, "")).isEqualTo(new AliasOutcome.Refused(List.of(
                    "view order-history has no table to roll back to: nothing was promoted yet")));
            ready(BLUE);
            mover.promote(VIEW, BLUE, 0, false, "");
            assertThat(mover.rollBack(VIEW, "")).isEqualTo(new AliasOutcome.Refused(List.of(
                    "view order-history has no table to roll back to: " + BLUE + " was its first promotion")));
            assertThat(aliases.get(VIEW).target()).contains(BLUE);
        }

        @Test
        void isRefused_whenTheTableBeforeWasRetired() {
            ready(BLUE);
            ready(GREEN);
            mover.promote(VIEW, BLUE, 0, false, "");
            mover.promote(VIEW, GREEN, 0, false, "");
            catalog.retire(BLUE);

            assertThat(mover.rollBack(VIEW, "")).isEqualTo(new AliasOutcome.Refused(List.of(
                    "the table before, " + BLUE + ", is RETIRED: promote another rebuild instead")));
            assertThat(aliases.get(VIEW).target()).contains(GREEN);
        }
    }

    /** A LIVE rebuild, caught up, with a clean verify after its load. */
    private void ready(RebuildId id) {
        catalog.begin(RebuildEntry.loading(id, VIEW, "archive", Watermark.empty(), T0));
        catalog.markLoaded(id, Map.of(), Watermark.empty());
        catalog.updateLive(id, Map.of(P0, new LivePosition(100, 0)));
        catalog.recordVerify(id, CLEAN);
    }
}
