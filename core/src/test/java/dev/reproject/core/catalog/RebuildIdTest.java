package dev.reproject.core.catalog;

import dev.reproject.core.snapshot.SnapshotId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebuildIdTest {

    private static final SnapshotId SNAPSHOT = new SnapshotId("20261130T115714.123Z");

    @Test
    void givenTableAndSnapshot_thenTheIdNamesBoth_andTheSameRebuildGetsTheSameId() {
        RebuildId id = RebuildId.of("ftgo-order-history", SNAPSHOT);

        assertThat(id.value()).isEqualTo("ftgo-order-history@20261130T115714.123Z");
        assertThat(id.table()).isEqualTo("ftgo-order-history");
        assertThat(id.snapshot()).isEqualTo(SNAPSHOT);
        assertThat(RebuildId.of("ftgo-order-history", new SnapshotId("20261130T115714.123Z"))).isEqualTo(id);
        assertThat(new RebuildId(id.value())).isEqualTo(id);
    }

    @Test
    void consumerGroup_isPrefixed_andHasNoAt() {
        assertThat(RebuildId.of("ftgo-order-history", SNAPSHOT).consumerGroup())
                .isEqualTo("reproject-ftgo-order-history.20261130T115714.123Z");
    }

    @Test
    void consumerGroups_ofDifferentRebuilds_differ() {
        assertThat(RebuildId.of("a.b", SNAPSHOT).consumerGroup())
                .isNotEqualTo(RebuildId.of("a.b", new SnapshotId("20261130T115714.124Z")).consumerGroup())
                .isNotEqualTo(RebuildId.of("a.c", SNAPSHOT).consumerGroup());
    }

    @Test
    void ordersByTableThenSnapshot() {
        RebuildId t = RebuildId.of("tab", SNAPSHOT);
        RebuildId tLater = RebuildId.of("tab", new SnapshotId("20261201T000000.000Z"));
        RebuildId t2 = RebuildId.of("tab-2", SNAPSHOT);

        assertThat(java.util.stream.Stream.of(t2, tLater, t).sorted()).containsExactly(t, tLater, t2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "has@at", "slash/no"})
    void givenNotATableName_thenRefused_namingIt(String table) {
        assertThatThrownBy(() -> RebuildId.of(table, SNAPSHOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + table + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "table", "table@", "table@2026", "@20261130T115714.123Z", "ab@20261130T115714.123Z"})
    void givenNotARebuildId_thenRefused_withAnExample(String value) {
        assertThatThrownBy(() -> new RebuildId(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("e.g. ftgo-order-history@20261130T115714.123Z");
    }
}
