package dev.reproject.core.alias;

import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServingTest {

    private static final Instant T = Instant.parse("2026-12-07T09:00:00Z");
    private static final String VIEW = "order-history";

    private final InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.fixed(T, ZoneOffset.UTC));
    private final InMemoryAliasStore aliases = new InMemoryAliasStore();

    @Test
    void withoutAnAlias_theNewestLiveRebuildServes_asBefore() {
        live("orders-blue", "20261201T000000.000Z");
        live("orders-green", "20261207T000000.000Z");

        assertThat(Serving.served(catalog, aliases, VIEW)).map(RebuildEntry::table).contains("orders-green");
    }

    @Test
    void theAliasServes_evenAnOlderTable_andARollbackMovesIt() {
        RebuildId blue = live("orders-blue", "20261201T000000.000Z");
        RebuildId green = live("orders-green", "20261207T000000.000Z");
        ViewAlias read = aliases.get(VIEW);
        ViewAlias promoted = aliases.replace(read, read.promote(blue, T, false, ""));
        assertThat(Serving.served(catalog, aliases, VIEW)).map(RebuildEntry::id).contains(blue);

        ViewAlias onGreen = aliases.replace(promoted, promoted.promote(green, T, false, ""));
        assertThat(Serving.served(catalog, aliases, VIEW)).map(RebuildEntry::id).contains(green);

        aliases.replace(onGreen, onGreen.rollBack(T, "bad totals"));
        assertThat(Serving.served(catalog, aliases, VIEW)).map(RebuildEntry::id).contains(blue);
    }

    @Test
    void anAliasPointingAtARebuildTheCatalogLacksOrIsLoadingAgain_isAnErrorNamingIt() {
        RebuildId gone = RebuildId.of("orders-gone", new SnapshotId("20261201T000000.000Z"));
        ViewAlias read = aliases.get(VIEW);
        ViewAlias onGone = aliases.replace(read, read.promote(gone, T, true, "test"));

        assertThatThrownBy(() -> Serving.served(catalog, aliases, VIEW)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("points at " + gone + ", which the catalog does not have");

        RebuildId reloading = RebuildId.of("orders-blue", new SnapshotId("20261201T000000.000Z"));
        catalog.begin(RebuildEntry.loading(reloading, VIEW, "archive", Watermark.empty(), T));
        aliases.replace(onGone, onGone.promote(reloading, T, true, "test"));
        assertThatThrownBy(() -> Serving.served(catalog, aliases, VIEW)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("being loaded again");
    }

    private RebuildId live(String table, String snapshot) {
        RebuildId id = RebuildId.of(table, new SnapshotId(snapshot));
        catalog.begin(RebuildEntry.loading(id, VIEW, "archive", Watermark.empty(), T));
        catalog.markLoaded(id, Map.of(), Watermark.empty());
        catalog.updateLive(id, Map.of(new SourcePartition("orders", 0), new LivePosition(1, 0)));
        return id;
    }
}
