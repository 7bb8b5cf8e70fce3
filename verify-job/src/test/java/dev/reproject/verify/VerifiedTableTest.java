package dev.reproject.verify;

import dev.reproject.core.alias.InMemoryAliasStore;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which table {@code verify} reads and which entry records the result. */
class VerifiedTableTest {

    private static final Instant T = Instant.parse("2026-12-07T09:00:00Z");
    private static final String VIEW = "order-history";

    private final InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.fixed(T, ZoneOffset.UTC));
    private final InMemoryAliasStore aliases = new InMemoryAliasStore();

    private RebuildId loaded(String table, String snapshot, String view) {
        RebuildId id = RebuildId.of(table, new SnapshotId(snapshot));
        catalog.begin(RebuildEntry.loading(id, view, "archive", Watermark.empty(), T));
        catalog.markLoaded(id, Map.of(), Watermark.empty());
        return id;
    }

    @Test
    void without_table_or_rebuild_the_table_serving_the_view_the_alias_first() {
        RebuildId blue = loaded("orders-blue", "20261201T000000.000Z", VIEW);
        RebuildId green = loaded("orders-green", "20261207T000000.000Z", VIEW);
        assertThat(VerifiedTable.choose(catalog, aliases, VIEW, Optional.empty(), Optional.empty()))
                .isEqualTo(new VerifiedTable("orders-green", catalog.get(green)));

        ViewAlias read = aliases.get(VIEW);
        aliases.replace(read, read.promote(blue, T, false, ""));
        assertThat(VerifiedTable.choose(catalog, aliases, VIEW, Optional.empty(), Optional.empty()))
                .isEqualTo(new VerifiedTable("orders-blue", catalog.get(blue)));
    }

    @Test
    void a_rebuild_gives_its_table_and_entry_and_a_table_its_latest_entry_or_none() {
        RebuildId older = loaded("orders-blue", "20261201T000000.000Z", VIEW);
        RebuildId newer = loaded("orders-blue", "20261207T000000.000Z", VIEW);
        assertThat(VerifiedTable.choose(catalog, aliases, VIEW, Optional.empty(), Optional.of(older)))
                .isEqualTo(new VerifiedTable("orders-blue", catalog.get(older)));
        assertThat(VerifiedTable.choose(catalog, aliases, VIEW, Optional.of("orders-blue"), Optional.empty()))
                .isEqualTo(new VerifiedTable("orders-blue", catalog.get(newer)));
        assertThat(VerifiedTable.choose(catalog, aliases, VIEW, Optional.of("by-hand"), Optional.empty()))
                .isEqualTo(new VerifiedTable("by-hand", Optional.empty()));
    }

    @Test
    void refusals_name_what_is_wrong() {
        RebuildId tickets = loaded("tickets", "20261201T000000.000Z", "kitchen-tickets");
        assertThatThrownBy(() -> VerifiedTable.choose(catalog, aliases, VIEW, Optional.empty(), Optional.empty()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no table serves view " + VIEW);
        assertThatThrownBy(() -> VerifiedTable.choose(catalog, aliases, VIEW, Optional.empty(), Optional.of(
                RebuildId.of("orders", new SnapshotId("20261201T000000.000Z")))))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("orders@20261201T000000.000Z");
        assertThatThrownBy(() -> VerifiedTable.choose(catalog, aliases, VIEW, Optional.empty(), Optional.of(tickets)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds view kitchen-tickets");
        assertThatThrownBy(() -> VerifiedTable.choose(catalog, aliases, VIEW, Optional.of("t"), Optional.of(tickets)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }
}
