package dev.reproject.core.alias;

import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.snapshot.SnapshotId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewAliasTest {

    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    private static final RebuildId BLUE = RebuildId.of("orders-blue", new SnapshotId("20261201T000000.000Z"));
    private static final RebuildId GREEN = RebuildId.of("orders-green", new SnapshotId("20261207T000000.000Z"));

    @Test
    void promotions_moveTheTarget_oneVersionEach_andKeepWhereItCameFrom() {
        ViewAlias first = ViewAlias.unset("order-history").promote(BLUE, T0, false, "");
        ViewAlias second = first.promote(GREEN, T0.plusSeconds(60), true, "verify skipped");

        assertThat(first.target()).contains(BLUE);
        assertThat(first.version()).isEqualTo(1);
        assertThat(second.target()).contains(GREEN);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.history()).containsExactly(
                new AliasMove(AliasMove.Kind.PROMOTE, Optional.empty(), BLUE, T0, false, ""),
                new AliasMove(AliasMove.Kind.PROMOTE, Optional.of(BLUE), GREEN, T0.plusSeconds(60), true,
                        "verify skipped"));
    }

    @Test
    void aRollback_servesWhatServedBeforeTheLastMove_andIsItselfAMoveInTheHistory() {
        ViewAlias green = ViewAlias.unset("order-history").promote(BLUE, T0, false, "")
                .promote(GREEN, T0.plusSeconds(60), false, "");

        ViewAlias back = green.rollBack(T0.plusSeconds(120), "wrong totals");

        assertThat(back.target()).contains(BLUE);
        assertThat(back.version()).isEqualTo(3);
        assertThat(back.history().get(2)).isEqualTo(new AliasMove(AliasMove.Kind.ROLLBACK, Optional.of(GREEN), BLUE,
                T0.plusSeconds(120), false, "wrong totals"));
        assertThat(back.rollBack(T0.plusSeconds(180), "").target()).as("a second rollback undoes the first")
                .contains(GREEN);
    }

    @Test
    void nothingToRollBackTo_andPromotingWhatServesAlready_areRefusedByName() {
        ViewAlias unset = ViewAlias.unset("order-history");
        ViewAlias blue = unset.promote(BLUE, T0, false, "");

        assertThatThrownBy(() -> unset.rollBack(T0, "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing was promoted yet");
        assertThatThrownBy(() -> blue.rollBack(T0, "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(BLUE + " was its first promotion");
        assertThatThrownBy(() -> blue.promote(BLUE, T0, false, "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(BLUE + " serves view order-history already");
    }

    @Test
    void theHistory_keepsTheLastMovesOnly() {
        ViewAlias alias = ViewAlias.unset("order-history");
        for (int i = 0; i < ViewAlias.HISTORY + 5; i++) {
            alias = alias.promote(i % 2 == 0 ? BLUE : GREEN, T0.plusSeconds(i), false, "move " + i);
        }

        assertThat(alias.version()).isEqualTo(ViewAlias.HISTORY + 5);
        assertThat(alias.history()).hasSize(ViewAlias.HISTORY);
        assertThat(alias.history().get(0).note()).isEqualTo("move 5");
        assertThat(alias.history().get(ViewAlias.HISTORY - 1).note()).isEqualTo("move " + (ViewAlias.HISTORY + 4));
    }

    @Test
    void aRollback_isNeverForced() {
        assertThatThrownBy(() -> new AliasMove(AliasMove.Kind.ROLLBACK, Optional.of(BLUE), GREEN, T0, true, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
