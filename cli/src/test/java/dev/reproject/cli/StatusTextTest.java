package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.cli.api.Json;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.catalog.VerifySummary;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status}'s text and JSON for a view with an alias, a retired, a live and a loading rebuild, read at a fixed
 * instant: the expected text is written out by hand.
 */
class StatusTextTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final SourcePartition P0 = new SourcePartition("Order", 0);
    private static final SourcePartition P1 = new SourcePartition("Order", 1);
    private static final RebuildId BLUE = RebuildId.of("orders-blue", new SnapshotId("20261201T000000.000Z"));
    private static final RebuildId GREEN = RebuildId.of("orders-green", new SnapshotId("20261205T000000.000Z"));
    private static final RebuildId RED = RebuildId.of("orders-red", new SnapshotId("20261206T000000.000Z"));

    private final RebuildEntry blue = RebuildEntry.loading(BLUE, "order-history", "archive", Watermark.empty(),
            Instant.parse("2026-12-01T01:00:00Z"))
            .loaded(Map.of(), Watermark.of(Map.of(P0, 99L)), Instant.parse("2026-12-01T01:30:00Z"))
            .live(Map.of(P0, new LivePosition(100, 1234)), Instant.parse("2026-12-05T12:00:00Z"))
            .withVerify(new VerifySummary(Instant.parse("2026-12-07T11:55:00Z"), Map.of("equal", 97L, "diverged", 1L,
                    "missing", 2L), 0.1, "s3://b/snapshots/order-history/verify/2.json"),
                    Instant.parse("2026-12-07T11:56:00Z"))
            .withStatus(RebuildStatus.RETIRED, Instant.parse("2026-12-07T11:58:00Z"));
    private final RebuildEntry green = RebuildEntry.loading(GREEN, "order-history", "archive", Watermark.empty(),
            Instant.parse("2026-12-07T08:00:00Z"))
            .loaded(Map.of("itemsWritten", 5000L), Watermark.of(Map.of(P0, 160L, P1, 80L)),
                    Instant.parse("2026-12-07T08:30:00Z"))
            .withVerify(new VerifySummary(Instant.parse("2026-12-07T09:00:00Z"), Map.of("equal", 4997L, "ahead", 3L),
                    1.0, "s3://b/snapshots/order-history/verify/1.json"), Instant.parse("2026-12-07T09:10:00Z"))
            .live(Map.of(P0, new LivePosition(170, 4), P1, new LivePosition(81, 0)),
                    Instant.parse("2026-12-07T11:59:48Z"))
            .withStatus(RebuildStatus.LIVE, Instant.parse("2026-12-07T11:59:48Z"));
    private final RebuildEntry red = RebuildEntry.loading(RED, "order-history", "archive", Watermark.empty(),
            Instant.parse("2026-12-07T11:00:00Z"));
    private final ViewAlias alias = ViewAlias.unset("order-history")
            .promote(BLUE, Instant.parse("2026-12-02T00:00:00Z"), false, "")
            .promote(GREEN, Instant.parse("2026-12-07T11:55:00Z"), true, "verify skipped");

    @Test
    void text_shows_the_alias_and_an_aligned_table_with_relative_times_then_each_rebuild() {
        ViewStatus status = new ViewStatus("order-history", Optional.empty(), List.of(), "reproject-catalog", true,
                List.of(blue, green, red), "eu-west-1", alias, ViewStatus.Served.of(Optional.of(GREEN)), NOW);

        assertThat(StatusReports.text(status)).isEqualTo("""
                view order-history, region eu-west-1
                alias: orders-green@20261205T000000.000Z, version 2, promoted 5 min ago from \
                orders-blue@20261201T000000.000Z (forced: verify skipped)
                rebuilds in catalog reproject-catalog:
                   TABLE         SNAPSHOT              STATUS     LAG  LIVE REPORT  VERIFIED   VERIFY
                   orders-blue   20261201T000000.000Z  RETIRED  1,234  2 d ago      5 min ago  \
                diverged 1, missing 2 (sample 0.1)
                *  orders-green  20261205T000000.000Z  LIVE         4  12 s ago     3 h ago    clean
                   orders-red    20261206T000000.000Z  LOADING      -  -            -          -
                (* serves the view)
                orders-blue@20261201T000000.000Z: started 2026-12-01T01:00:00Z, updated 2026-12-07T11:58:00Z
                  handoff Order 0:99
                  live lag 1,234: Order-0 offset 100 lag 1234
                  verify 2026-12-07T11:55:00Z: diverged 1, missing 2 (sample 0.1), report \
                s3://b/snapshots/order-history/verify/2.json
                orders-green@20261205T000000.000Z: started 2026-12-07T08:00:00Z, updated 2026-12-07T11:59:48Z
                  handoff Order 0:160 1:80
                  counts itemsWritten=5000
                  live lag 4: Order-0 offset 170 lag 4, Order-1 offset 81 lag 0
                  verify 2026-12-07T09:00:00Z: clean, report s3://b/snapshots/order-history/verify/1.json
                orders-red@20261206T000000.000Z: started 2026-12-07T11:00:00Z, updated 2026-12-07T11:00:00Z
                  handoff (empty)""");
    }

    @Test
    void text_before_any_promotion_names_what_query_and_serve_read_instead() {
        ViewStatus served = new ViewStatus("order-history", Optional.empty(), List.of(), "c", true, List.of(green),
                "eu-west-1", ViewAlias.unset("order-history"), ViewStatus.Served.of(Optional.of(GREEN)), NOW);
        ViewStatus nothing = new ViewStatus("order-history", Optional.empty(), List.of(), "c", false, List.of(),
                "eu-west-1", ViewAlias.unset("order-history"), ViewStatus.Served.of(Optional.empty()), NOW);

        assertThat(StatusReports.text(served)).contains("\nalias: none (nothing promoted yet): query and serve read "
                + "orders-green@20261205T000000.000Z, the newest LIVE (else LOADED) rebuild\n");
        assertThat(StatusReports.text(nothing)).isEqualTo("""
                view order-history, region eu-west-1
                alias: none (nothing promoted yet): query and serve read nothing: no LOADED or LIVE rebuild
                rebuilds in catalog c: no rebuilds yet""");
    }

    @Test
    void an_alias_that_cannot_be_followed_is_shown_with_the_reason() {
        ViewStatus status = new ViewStatus("order-history", Optional.empty(), List.of(), "c", true, List.of(blue),
                "eu-west-1", alias, ViewStatus.Served.broken("the alias points at a rebuild the catalog does not "
                        + "have"),
                NOW);

        assertThat(StatusReports.text(status)).contains("version 2, promoted 5 min ago from "
                + "orders-blue@20261201T000000.000Z (forced: verify skipped); cannot be followed: the alias points at "
                + "a rebuild the catalog does not have\n").doesNotContain("(* serves the view)");
    }

    @Test
    void json_has_the_alias_with_its_history_what_is_served_and_each_last_verify() throws Exception {
        ViewStatus status = new ViewStatus("order-history", Optional.empty(), List.of(), "reproject-catalog", true,
                List.of(blue, green, red), "eu-west-1", alias, ViewStatus.Served.of(Optional.of(GREEN)), NOW);

        JsonNode json = new ObjectMapper().readTree(Json.line(StatusReports.toMap(status)));

        assertThat(json.get("alias").get("target").asText()).isEqualTo(GREEN.value());
        assertThat(json.get("alias").get("version").asLong()).isEqualTo(2);
        JsonNode last = json.get("alias").get("history").get(1);
        assertThat(last.get("kind").asText()).isEqualTo("PROMOTE");
        assertThat(last.get("from").asText()).isEqualTo(BLUE.value());
        assertThat(last.get("at").asText()).isEqualTo("2026-12-07T11:55:00Z");
        assertThat(last.get("forced").asBoolean()).isTrue();
        assertThat(json.get("served").asText()).isEqualTo(GREEN.value());
        assertThat(json.get("at").asText()).isEqualTo("2026-12-07T12:00:00Z");
        JsonNode rebuilds = json.get("rebuilds");
        assertThat(rebuilds.get(0).get("status").asText()).isEqualTo("RETIRED");
        assertThat(rebuilds.get(0).get("lastVerify").get("clean").asBoolean()).isFalse();
        assertThat(rebuilds.get(0).get("lastVerify").get("counts").get("missing").asLong()).isEqualTo(2);
        assertThat(rebuilds.get(1).get("lastVerify").get("clean").asBoolean()).isTrue();
        assertThat(rebuilds.get(1).get("lastLiveUpdate").asText()).isEqualTo("2026-12-07T11:59:48Z");
        assertThat(rebuilds.get(2).get("lastVerify").isNull()).isTrue();
    }

    @Test
    void relative_times_in_seconds_minutes_hours_then_days() {
        assertThat(RelativeTime.ago(NOW, NOW)).isEqualTo("0 s ago");
        assertThat(RelativeTime.ago(NOW.minusSeconds(59), NOW)).isEqualTo("59 s ago");
        assertThat(RelativeTime.ago(NOW.minusSeconds(60), NOW)).isEqualTo("1 min ago");
        assertThat(RelativeTime.ago(NOW.minusSeconds(3599), NOW)).isEqualTo("59 min ago");
        assertThat(RelativeTime.ago(NOW.minusSeconds(3600), NOW)).isEqualTo("1 h ago");
        assertThat(RelativeTime.ago(NOW.minusSeconds(48 * 3600 - 1), NOW)).isEqualTo("47 h ago");
        assertThat(RelativeTime.ago(NOW.minusSeconds(48 * 3600), NOW)).isEqualTo("2 d ago");
        assertThat(RelativeTime.ago(NOW.plusSeconds(5), NOW)).isEqualTo("in 5 s");
    }
}
