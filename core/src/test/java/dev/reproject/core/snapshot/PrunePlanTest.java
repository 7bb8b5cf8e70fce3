package dev.reproject.core.snapshot;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrunePlanTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final SnapshotId S1 = new SnapshotId("20261201T000000.000Z");
    private static final SnapshotId S2 = new SnapshotId("20261202T000000.000Z");
    private static final SnapshotId S3 = new SnapshotId("20261203T000000.000Z");
    private static final SnapshotId S4 = new SnapshotId("20261204T000000.000Z");
    private static final SnapshotId S5 = new SnapshotId("20261205T000000.000Z");
    private static final SnapshotId S6 = new SnapshotId("20261206T000000.000Z");

    @Test
    void beyond_the_newest_n_deletes_all_but_what_a_loading_loaded_or_live_rebuild_was_built_from() {
        List<RebuildEntry> rebuilds = List.of(entry("t-live", S2, RebuildStatus.LIVE),
                entry("t-retired", S3, RebuildStatus.RETIRED), entry("t-loaded", S4, RebuildStatus.LOADED),
                entry("t-loading", S1, RebuildStatus.LOADING), entry("t-new", S6, RebuildStatus.LIVE));

        PrunePlan plan = PrunePlan.of(List.of(S3, S1, S6, S2, S5, S4), 2, rebuilds);

        assertThat(plan.kept()).containsExactly(S6, S5);
        assertThat(plan.toDelete()).containsExactly(S3);
        assertThat(plan.inUse()).containsOnlyKeys(S1, S2, S4);
        assertThat(plan.inUse().get(S2)).containsExactly("rebuild t-live@" + S2 + " is LIVE");
        assertThat(plan.refused()).isFalse();
        assertThat(plan.inUseText()).isEqualTo(S1 + " (rebuild t-loading@" + S1 + " is LOADING); " + S2
                + " (rebuild t-live@" + S2 + " is LIVE); " + S4 + " (rebuild t-loaded@" + S4 + " is LOADED)");
    }

    @Test
    void when_every_snapshot_beyond_keep_is_in_use_it_is_refused_and_nothing_beyond_is_no_refusal() {
        PrunePlan allInUse = PrunePlan.of(List.of(S1, S2, S3), 2, List.of(entry("t-a", S1, RebuildStatus.LIVE)));
        PrunePlan nothingBeyond = PrunePlan.of(List.of(S1, S2), 5, List.of());

        assertThat(allInUse.refused()).isTrue();
        assertThat(allInUse.toDelete()).isEmpty();
        assertThat(nothingBeyond.refused()).isFalse();
        assertThat(nothingBeyond.kept()).containsExactly(S2, S1);
        assertThat(nothingBeyond.toDelete()).isEmpty();
    }

    @Test
    void a_kept_snapshot_keeps_every_layer_it_reads_and_a_snapshot_in_use_keeps_its_own() {
        // S1 full; S2, S3 layers over it; S4 compacted; S5 a layer over S4; S6 a layer over S5 and S4
        Map<SnapshotId, List<SnapshotId>> layers = new TreeMap<>(Map.of(S1, List.of(S1), S2, List.of(S2, S1), S3,
                List.of(S3, S2, S1), S4, List.of(S4), S5, List.of(S5, S4), S6, List.of(S6, S5, S4)));

        PrunePlan newestOnly = PrunePlan.of(layers, 1, List.of());
        PrunePlan inUse = PrunePlan.of(layers, 1, List.of(entry("t-a", S2, RebuildStatus.LIVE)));

        assertThat(newestOnly.kept()).containsExactly(S6);
        assertThat(newestOnly.layerOf()).containsExactly(Map.entry(S4, List.of(S6)), Map.entry(S5, List.of(S6)));
        assertThat(newestOnly.toDelete()).containsExactly(S1, S2, S3);
        assertThat(newestOnly.layerOfText()).isEqualTo(S4 + " (a layer of " + S6 + "); " + S5 + " (a layer of " + S6
                + ")");
        assertThat(inUse.inUse()).containsOnlyKeys(S2);
        assertThat(inUse.layerOf()).containsOnlyKeys(S1, S4, S5);
        assertThat(inUse.layerOf().get(S1)).containsExactly(S2);
        assertThat(inUse.toDelete()).containsExactly(S3);
        // without layers (each snapshot its own rows) the same store would lose S4 and S5
        assertThat(PrunePlan.of(List.copyOf(layers.keySet()), 1, List.of()).toDelete())
                .containsExactly(S1, S2, S3, S4, S5);
    }

    @Test
    void the_latest_is_always_kept_so_keep_must_be_one_or_more() {
        assertThat(PrunePlan.of(List.of(S1, S2), 1, List.of()).toDelete()).containsExactly(S1);
        assertThatThrownBy(() -> PrunePlan.of(List.of(S1, S2), 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--keep must be 1 or more");
    }

    private static RebuildEntry entry(String table, SnapshotId snapshot, RebuildStatus status) {
        return RebuildEntry.loading(RebuildId.of(table, snapshot), "order-history", "a", Watermark.empty(), T)
                .withStatus(status, T);
    }
}
