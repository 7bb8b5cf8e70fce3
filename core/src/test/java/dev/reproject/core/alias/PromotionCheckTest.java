package dev.reproject.core.alias;

import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.VerifySummary;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromotionCheckTest {

    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    private static final SourcePartition P0 = new SourcePartition("orders", 0);
    private static final SourcePartition P1 = new SourcePartition("orders", 1);
    private static final RebuildId GREEN = RebuildId.of("orders-green", new SnapshotId("20261207T000000.000Z"));
    private static final VerifySummary CLEAN = new VerifySummary(T0.plusSeconds(600),
            Map.of("equal", 99_000L, "ahead", 1_000L), 1.0, "report");

    @Test
    void aLiveRebuild_caughtUp_withACleanVerifyAfterItsLoad_mayBePromoted() {
        assertThat(PromotionCheck.refusals(live(Map.of(P0, new LivePosition(10, 0), P1, new LivePosition(7, 5)))
                .withVerify(CLEAN, T0.plusSeconds(600)), 5)).isEmpty();
    }

    @Test
    void everyReason_isGiven_byName() {
        RebuildEntry loaded = RebuildEntry.loading(GREEN, "order-history", "archive", Watermark.empty(), T0)
                .loaded(Map.of(), Watermark.empty(), T0.plusSeconds(60))
                .withPositions(Map.of(P0, new LivePosition(10, 6)), T0.plusSeconds(70));
        VerifySummary wrong = new VerifySummary(T0.plusSeconds(600), Map.of("equal", 10L, "diverged", 1L,
                "missing", 2L, "ahead", 3L), 1.0, "report");

        assertThat(PromotionCheck.refusals(loaded.withVerify(wrong, T0.plusSeconds(600)), 5)).containsExactly(
                GREEN + " is LOADED, not LIVE: run 'reproject live' for it until it has caught up",
                "orders/0 lags by 6 records (more than --max-lag 5)",
                "its last verify (" + T0.plusSeconds(600) + ") found diverged 1, missing 2");
        assertThat(PromotionCheck.refusals(live(Map.of()), 0))
                .containsExactly("orders-green was never verified: run 'reproject verify' for it");
        VerifySummary before = new VerifySummary(T0.minusSeconds(1), Map.of("equal", 10L), 1.0, "report");
        assertThat(PromotionCheck.refusals(live(Map.of()).withVerify(before, T0.plusSeconds(90)), 0)).singleElement()
                .asString()
                .contains("older than its load");
    }

    @Test
    void aNegativeLagLimit_isRefused() {
        assertThatThrownBy(() -> PromotionCheck.refusals(live(Map.of()).withVerify(CLEAN, T0), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RebuildEntry live(Map<SourcePartition, LivePosition> positions) {
        return RebuildEntry.loading(GREEN, "order-history", "archive", Watermark.empty(), T0)
                .loaded(Map.of(), Watermark.empty(), T0.plusSeconds(60))
                .live(Map.of(P0, new LivePosition(1, 0)), T0.plusSeconds(70))
                .withPositions(positions, T0.plusSeconds(80));
    }
}
