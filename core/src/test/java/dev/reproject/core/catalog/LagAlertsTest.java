package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LagAlertsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final SourcePartition P0 = new SourcePartition("orders", 0);
    private static final SourcePartition P1 = new SourcePartition("orders", 1);

    @Test
    void aPartitionLaggingByMoreThanTheLimit_isNamed_andOneAtTheLimitIsNot() {
        RebuildEntry live = reported("orders-a", "20261201T000000.000Z", T0, Map.of(P0, new LivePosition(10, 100),
                P1, new LivePosition(20, 101)));

        List<LagAlerts.Lagging> lagging = LagAlerts.above(List.of(live), 100);

        assertThat(lagging).containsExactly(new LagAlerts.Lagging(live, P1, 101));
        assertThat(lagging.get(0).describe()).isEqualTo("orders-a@20261201T000000.000Z orders/1 lag 101 (reported "
                + T0.plusSeconds(5) + ")");
        assertThat(LagAlerts.above(List.of(live), 101)).isEmpty();
    }

    @Test
    void onlyTheLatestRebuildATableWentLiveWith_counts_andLoadedOnesAreNotLagging() {
        RebuildEntry old = reported("orders-a", "20261201T000000.000Z", T0, Map.of(P0, new LivePosition(10, 5_000)));
        RebuildEntry current = reported("orders-a", "20261202T000000.000Z", T0.plusSeconds(60),
                Map.of(P0, new LivePosition(10, 7)));
        RebuildEntry loadedOnly = RebuildEntry.loading(RebuildId.of("orders-b", new SnapshotId("20261202T000000.000Z")),
                "order-history", "archive", Watermark.empty(), T0).loaded(Map.of(), Watermark.empty(), T0);
        RebuildEntry otherTable = reported("orders-c", "20261201T000000.000Z", T0, Map.of(P0, new LivePosition(10, 8)));

        assertThat(LagAlerts.above(List.of(old, current, loadedOnly, otherTable), 7))
                .extracting(l -> l.entry().table()).containsExactly("orders-c");
    }

    @Test
    void aRetiredRebuild_isNotLagging_whateverItsLastReport() {
        RebuildEntry retired = reported("orders-a", "20261201T000000.000Z", T0, Map.of(P0, new LivePosition(10, 900)))
                .withStatus(RebuildStatus.RETIRED, T0.plusSeconds(60));
        RebuildEntry live = reported("orders-b", "20261201T000000.000Z", T0, Map.of(P0, new LivePosition(10, 8)));

        assertThat(LagAlerts.above(List.of(retired, live), 7)).extracting(l -> l.entry().table())
                .containsExactly("orders-b");
    }

    @Test
    void aNegativeLimit_isRefused() {
        assertThatThrownBy(() -> LagAlerts.above(List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RebuildEntry reported(String table, String snapshot, Instant started,
                                         Map<SourcePartition, LivePosition> positions) {
        RebuildId id = RebuildId.of(table, new SnapshotId(snapshot));
        return RebuildEntry.loading(id, "order-history", "archive", Watermark.empty(), started)
                .loaded(Map.of(), Watermark.empty(), started).live(positions, started.plusSeconds(5));
    }
}
