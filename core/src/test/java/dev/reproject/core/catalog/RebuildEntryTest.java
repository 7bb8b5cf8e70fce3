package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebuildEntryTest {

    private static final SourcePartition P0 = new SourcePartition("orders", 0);
    private static final SourcePartition P1 = new SourcePartition("orders", 1);
    private static final SourcePartition P10 = new SourcePartition("orders", 10);
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-30T12:05:00Z");
    private static final RebuildId ID = RebuildId.of("ftgo-order-history", new SnapshotId("20261130T115714.123Z"));

    private static RebuildEntry loading() {
        return RebuildEntry.loading(ID, "order-history", "s3a://archive", Watermark.of(Map.of(P0, 9L)), T0);
    }

    @Test
    void loading_hasNoCountsNorPositions_andHasNotGoneLive() {
        RebuildEntry entry = loading();

        assertThat(entry.status()).isEqualTo(RebuildStatus.LOADING);
        assertThat(entry.table()).isEqualTo("ftgo-order-history");
        assertThat(entry.snapshot().value()).isEqualTo("20261130T115714.123Z");
        assertThat(entry.counts()).isEmpty();
        assertThat(entry.positions()).isEmpty();
        assertThat(entry.startedAt()).isEqualTo(T0);
        assertThat(entry.updatedAt()).isEqualTo(T0);
        assertThat(entry.liveStarted()).isFalse();
    }

    @Test
    void loaded_setsCountsHandoffAndStatus_keepsTheStart() {
        RebuildEntry loaded = loading().loaded(Map.of("itemsWritten", 5L), Watermark.of(Map.of(P0, 12L)), T1);

        assertThat(loaded.status()).isEqualTo(RebuildStatus.LOADED);
        assertThat(loaded.counts()).containsExactly(Map.entry("itemsWritten", 5L));
        assertThat(loaded.handoff().offset(P0)).hasValue(12);
        assertThat(loaded.startedAt()).isEqualTo(T0);
        assertThat(loaded.updatedAt()).isEqualTo(T1);
    }

    @Test
    void live_staysLoadedWhileAnyPartitionLags_thenGoesLive() {
        RebuildEntry loaded = loading().loaded(Map.of(), Watermark.empty(), T0);

        RebuildEntry lagging = loaded.live(Map.of(P0, new LivePosition(13, 0), P1, new LivePosition(4, 7)), T1);
        assertThat(lagging.status()).isEqualTo(RebuildStatus.LOADED);
        assertThat(lagging.totalLag()).isEqualTo(7);
        assertThat(lagging.lastLiveUpdate()).hasValue(T1);
        assertThat(lagging.liveStarted()).as("a live updater has written").isTrue();

        RebuildEntry caughtUp = lagging.live(Map.of(P0, new LivePosition(13, 0), P1, new LivePosition(11, 0)), T1);
        assertThat(caughtUp.status()).isEqualTo(RebuildStatus.LIVE);

        RebuildEntry behindAgain = caughtUp.live(Map.of(P0, new LivePosition(13, 3)), T1);
        assertThat(behindAgain.status()).as("LIVE once caught up once").isEqualTo(RebuildStatus.LIVE);
    }

    @Test
    void isImmutable_evenWhenTheGivenMapsChange() {
        Map<String, Long> counts = new HashMap<>(Map.of("itemsWritten", 5L));
        RebuildEntry entry = loading().withCounts(counts, T1);
        counts.put("itemsWritten", 6L);

        assertThat(entry.counts()).containsEntry("itemsWritten", 5L);
        assertThatThrownBy(() -> entry.counts().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> entry.positions().put(P0, new LivePosition(0, 0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toJsonMap_nestsLivePositionsByTopicThenPartitionNumber() {
        RebuildEntry entry = loading().loaded(Map.of("itemsWritten", 5L), Watermark.of(Map.of(P0, 12L)), T0)
                .live(Map.of(P10, new LivePosition(20, 2), P1, new LivePosition(4, 0)), T1);

        Map<String, Object> json = entry.toJsonMap();

        assertThat(json).containsEntry("id", "ftgo-order-history@20261130T115714.123Z")
                .containsEntry("table", "ftgo-order-history")
                .containsEntry("snapshot", "20261130T115714.123Z")
                .containsEntry("status", "LOADED")
                .containsEntry("handoff", Map.of("orders", Map.of("0", 12L)))
                .containsEntry("totalLag", 2L)
                .containsEntry("lastLiveUpdate", "2026-11-30T12:05:00Z");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> live = (Map<String, Map<String, Object>>) json.get("live");
        assertThat(live.get("orders").keySet()).containsExactly("1", "10");
        assertThat(live.get("orders").get("10")).isEqualTo(Map.of("offset", 20L, "lag", 2L));
    }

    @Test
    void positions_mustBeNonNegative() {
        assertThatThrownBy(() -> new LivePosition(-1, 0)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new LivePosition(0, -2)).hasMessageContaining("-2");
    }
}
