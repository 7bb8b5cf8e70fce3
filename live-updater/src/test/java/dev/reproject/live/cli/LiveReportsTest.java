package dev.reproject.live.cli;

import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.live.LiveCounts;
import dev.reproject.live.LiveOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveReportsTest {

    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    private static final LiveOutcome OUTCOME = new LiveOutcome(
            RebuildEntry.loading(RebuildId.of("orders-view", new SnapshotId("20261130T090000.000Z")), "order-history",
                    "archive", Watermark.empty(), T).withStatus(RebuildStatus.LIVE, T),
            new LiveCounts(9, 3, 1, 0, Map.of(RejectReason.NOT_JSON, 2L, RejectReason.INVALID_EVENT, 1L)),
            Map.of(new SourcePartition("orders", 1), new LivePosition(40, 0),
                    new SourcePartition("orders", 0), new LivePosition(12, 3)),
            true, Duration.ofSeconds(2));

    @Test
    void oneLineForAPerson() {
        assertThat(LiveReports.text(OUTCOME, "eu-west-1"))
                .startsWith("live orders-view@20261130T090000.000Z LIVE in region eu-west-1: 9 records, 3 applied, "
                        + "1 duplicates, 0 skipped, 3 dead letters in 2")
                .endsWith(" s, caught up");
    }

    @Test
    void orOneObjectOfJson() {
        assertThat(LiveReports.toMap(OUTCOME, "eu-west-1")).containsExactly(
                Map.entry("id", "orders-view@20261130T090000.000Z"),
                Map.entry("table", "orders-view"),
                Map.entry("status", "LIVE"),
                Map.entry("caughtUp", true),
                Map.entry("records", 9L),
                Map.entry("applied", 3L),
                Map.entry("duplicates", 1L),
                Map.entry("skipped", 0L),
                Map.entry("deadLettered", Map.of("invalid-event", 1L, "not-json", 2L)),
                Map.entry("positions", Map.of("orders-0", Map.of("offset", 12L, "lag", 3L),
                        "orders-1", Map.of("offset", 40L, "lag", 0L))),
                Map.entry("elapsedMs", 2_000L),
                Map.entry("region", "eu-west-1"));
    }
}
