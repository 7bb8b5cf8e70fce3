package dev.reproject.lifecycle.retire;

import dev.reproject.core.alias.InMemoryAliasStore;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.error.BusyException;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.error.RefusedException;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code retire} refuses, and what it does, in what order, with in-memory catalog, aliases, tables, groups. */
class RetirementTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final String VIEW = "order-history";
    private static final SourcePartition P0 = new SourcePartition("Order", 0);
    private static final RebuildId BLUE = RebuildId.of("orders-blue", new SnapshotId("20261201T000000.000Z"));
    private static final RebuildId GREEN = RebuildId.of("orders-green", new SnapshotId("20261205T000000.000Z"));
    private static final RebuildId OLD = RebuildId.of("orders-old", new SnapshotId("20261120T000000.000Z"));

    private final InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.fixed(T0, ZoneOffset.UTC));
    private final InMemoryAliasStore aliases = new InMemoryAliasStore();
    private final MapTables tables = new MapTables("orders-blue", "orders-green", "orders-old", "other");
    private final MapGroups groups = new MapGroups();

    @Test
    void the_table_served_before_anything_was_promoted_is_refused_by_name_and_nothing_changes() {
        live(BLUE, T0.minusSeconds(300));
        loaded(GREEN, T0.minusSeconds(100)); // newer but only LOADED: the LIVE one serves

        assertThatThrownBy(() -> retirement().retire(BLUE)).isInstanceOf(RefusedException.class)
                .hasMessage("refusing to retire " + BLUE + ": table orders-blue serves view order-history (nothing "
                        + "was promoted for it, so query and serve read its newest LIVE rebuild, " + BLUE
                        + "): promote another table first");

        assertThat(catalog.get(BLUE).orElseThrow().status()).isEqualTo(RebuildStatus.LIVE);
        assertThat(tables.names).contains("orders-blue");
    }

    @Test
    void the_table_the_alias_points_at_is_refused_even_through_another_rebuild_of_it() throws Exception {
        // an older rebuild of the served table, loaded before the one promoted
        RebuildId blueBefore = RebuildId.of("orders-blue", new SnapshotId("20261101T000000.000Z"));
        loaded(blueBefore, T0.minusSeconds(900));
        live(BLUE, T0.minusSeconds(300));
        live(GREEN, T0.minusSeconds(100));
        promote(BLUE);

        assertThatThrownBy(() -> retirement().retire(blueBefore)).isInstanceOf(RefusedException.class)
                .hasMessage("refusing to retire " + blueBefore + ": table orders-blue serves view order-history (its "
                        + "alias points at " + BLUE + ", version 1): promote another table, or roll back, first");
        // the alias, not the newest LIVE rule, decides once something was promoted: green may go
        assertThat(retirement().retire(GREEN).entry().status()).isEqualTo(RebuildStatus.RETIRED);
    }

    @Test
    void a_table_no_view_serves_is_marked_retired_then_its_table_and_group_deleted() throws Exception {
        live(BLUE, T0.minusSeconds(300));
        live(GREEN, T0.minusSeconds(100));
        promote(GREEN);
        groups.with(BLUE.consumerGroup(), 0).with(GREEN.consumerGroup(), 1);

        RetireOutcome outcome = retirement().retire(BLUE);

        assertThat(outcome.entry().status()).isEqualTo(RebuildStatus.RETIRED);
        assertThat(outcome.wasStatus()).isEqualTo(RebuildStatus.LIVE);
        assertThat(catalog.get(BLUE).orElseThrow().status()).isEqualTo(RebuildStatus.RETIRED);
        assertThat(tables.names).containsExactly("orders-green", "orders-old", "other");
        assertThat(groups.members).containsOnlyKeys(GREEN.consumerGroup());
        assertThat(outcome.lines()).containsExactly(
                "retire orders-blue@20261201T000000.000Z:",
                "  catalog entry: marked RETIRED (was LIVE)",
                "  table orders-blue: deleted",
                "  consumer group reproject-orders-blue.20261201T000000.000Z: deleted");
    }

    @Test
    void retiring_again_reports_nothing_left_to_do() throws Exception {
        loaded(OLD, T0.minusSeconds(900));
        live(BLUE, T0.minusSeconds(300));
        groups.with(OLD.consumerGroup(), 0);
        retirement().retire(OLD);

        RetireOutcome again = retirement().retire(OLD);

        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.lines()).containsExactly("retire " + OLD + ": nothing left to do: RETIRED since " + T0
                + ", table orders-old gone, consumer group reproject-orders-old.20261120T000000.000Z gone");
    }

    @Test
    void it_waits_for_live_updaters_to_leave_the_group_before_deleting() throws Exception {
        live(BLUE, T0.minusSeconds(300));
        live(GREEN, T0.minusSeconds(100));
        promote(GREEN);
        groups.leaving(BLUE.consumerGroup(), 2, 2, 1, 0);

        RetireOutcome outcome = retirement().retire(BLUE);

        assertThat(outcome.membersLeft()).isEqualTo(2);
        assertThat(outcome.groupDeleted()).isTrue();
        assertThat(outcome.lines()).contains("  live updater: 2 process(es) stopped and left the consumer group");
    }

    @Test
    void a_live_updater_that_stops_as_soon_as_the_entry_is_marked_is_still_counted() throws Exception {
        live(BLUE, T0.minusSeconds(300));
        live(GREEN, T0.minusSeconds(100));
        promote(GREEN);
        ConsumerGroups stopsAtOnce = new ConsumerGroups() {
            private boolean deleted;

            @Override
            public int members(String group) {
                boolean marked = catalog.get(BLUE).orElseThrow().status() == RebuildStatus.RETIRED;
                return marked || deleted ? 0 : 1;
            }

            @Override
            public boolean delete(String group) {
                deleted = true;
                return true;
            }
        };

        RetireOutcome outcome = new Retirement(catalog, aliases, tables, stopsAtOnce, Duration.ofMillis(200),
                Duration.ofMillis(1)).retire(BLUE);

        assertThat(outcome.membersLeft()).isEqualTo(1);
        assertThat(outcome.lines()).contains("  live updater: 1 process(es) stopped and left the consumer group");
    }

    @Test
    void a_live_updater_that_does_not_stop_leaves_table_and_group_and_a_second_run_finishes() throws Exception {
        live(BLUE, T0.minusSeconds(300));
        live(GREEN, T0.minusSeconds(100));
        promote(GREEN);
        groups.with(BLUE.consumerGroup(), 1);

        assertThatThrownBy(() -> retirement().retire(BLUE)).isInstanceOf(BusyException.class)
                .hasMessageContaining("consumer group " + BLUE.consumerGroup() + " still has 1 active member(s)");
        assertThat(catalog.get(BLUE).orElseThrow().status()).isEqualTo(RebuildStatus.RETIRED);
        assertThat(tables.names).contains("orders-blue");
        assertThat(groups.members).containsKey(BLUE.consumerGroup());

        groups.with(BLUE.consumerGroup(), 0); // it stopped
        RetireOutcome second = retirement().retire(BLUE);
        assertThat(second.wasStatus()).isEqualTo(RebuildStatus.RETIRED);
        assertThat(second.tableDeleted()).isTrue();
        assertThat(second.groupDeleted()).isTrue();
        assertThat(second.nothingToDo()).isFalse();
        assertThat(second.lines()).contains("  catalog entry: RETIRED already (since " + T0 + ")");
    }

    @Test
    void the_table_is_kept_when_a_newer_rebuild_loaded_it_again() throws Exception {
        RebuildId olderGreen = RebuildId.of("orders-green", new SnapshotId("20261130T000000.000Z"));
        loaded(olderGreen, T0.minusSeconds(500));
        live(BLUE, T0.minusSeconds(400));
        loaded(GREEN, T0.minusSeconds(100));

        RetireOutcome outcome = retirement().retire(olderGreen);

        assertThat(outcome.tableKeptFor()).hasValue(GREEN);
        assertThat(tables.names).contains("orders-green");
        assertThat(outcome.lines()).contains("  table orders-green: kept: newer rebuild " + GREEN + " loaded it");
    }

    @Test
    void an_unknown_rebuild_is_not_found() {
        assertThatThrownBy(() -> retirement().retire(OLD)).isInstanceOf(NotFoundException.class)
                .hasMessage("no rebuild " + OLD + " in the catalog");
    }

    private Retirement retirement() {
        return new Retirement(catalog, aliases, tables, groups, Duration.ofMillis(200), Duration.ofMillis(1));
    }

    private void loaded(RebuildId id, Instant started) {
        catalog.begin(RebuildEntry.loading(id, VIEW, "archive", Watermark.empty(), started));
        catalog.markLoaded(id, Map.of(), Watermark.empty());
    }

    private void live(RebuildId id, Instant started) {
        loaded(id, started);
        catalog.updateLive(id, Map.of(P0, new LivePosition(10, 0)));
    }

    private void promote(RebuildId id) {
        ViewAlias read = aliases.get(VIEW);
        aliases.replace(read, read.promote(id, T0, false, ""));
    }
}
