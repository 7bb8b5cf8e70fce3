package dev.reproject.orderhistory.cli;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ViewTableOptionTest {

    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");

    private static RebuildEntry entry(String table, String snapshot, String view, RebuildStatus status) {
        return RebuildEntry.loading(RebuildId.of(table, new SnapshotId(snapshot)), view, "s3a://b/a",
                Watermark.empty(), T).withStatus(status, T);
    }

    @Test
    void theNewestLiveRebuild_evenWhenANewerOneIsOnlyLoaded() {
        List<RebuildEntry> entries = List.of(
                entry("t-old", "20261101T000000.000Z", "order-history", RebuildStatus.LIVE),
                entry("t-live", "20261120T000000.000Z", "order-history", RebuildStatus.LIVE),
                entry("t-loaded", "20261125T000000.000Z", "order-history", RebuildStatus.LOADED),
                entry("t-loading", "20261130T000000.000Z", "order-history", RebuildStatus.LOADING),
                entry("t-other", "20261130T000000.000Z", "another-view", RebuildStatus.LIVE));

        assertThat(ViewTableOption.servedTable(entries, "order-history")).contains("t-live");
    }

    @Test
    void elseTheNewestLoaded_neverALoadingOne() {
        List<RebuildEntry> entries = List.of(
                entry("t-a", "20261101T000000.000Z", "order-history", RebuildStatus.LOADED),
                entry("t-b", "20261120T000000.000Z", "order-history", RebuildStatus.LOADED),
                entry("t-c", "20261130T000000.000Z", "order-history", RebuildStatus.LOADING));

        assertThat(ViewTableOption.servedTable(entries, "order-history")).contains("t-b");
        assertThat(ViewTableOption.servedTable(entries.subList(2, 3), "order-history")).isEmpty();
        assertThat(ViewTableOption.servedTable(List.of(), "order-history")).isEmpty();
    }
}
