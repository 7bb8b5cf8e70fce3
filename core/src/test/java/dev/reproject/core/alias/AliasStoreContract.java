package dev.reproject.core.alias;

import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.error.BusyException;
import dev.reproject.core.snapshot.SnapshotId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules every {@link AliasStore} follows, written once: a subclass supplies a new, empty store per test (in
 * memory in core's unit tests, in a DynamoDB catalog table on dynalite in the aws module's ITs).
 */
public abstract class AliasStoreContract {

    protected static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    protected static final RebuildId BLUE = RebuildId.of("orders-blue", new SnapshotId("20261201T000000.000Z"));
    protected static final RebuildId GREEN = RebuildId.of("orders-green", new SnapshotId("20261207T000000.000Z"));

    protected AliasStore store;

    protected abstract AliasStore newStore();

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    @Test
    void aViewNothingWasPromotedFor_hasAnUnsetAlias() {
        assertThat(store.get("order-history")).isEqualTo(ViewAlias.unset("order-history"));
        assertThat(store.target("order-history")).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void aMove_isStoredWhole_andReadBackEqual() {
        ViewAlias read = store.get("order-history");
        ViewAlias blue = store.replace(read, read.promote(BLUE, T0, false, ""));
        ViewAlias green = store.replace(blue, blue.promote(GREEN, T0.plusSeconds(1), true, "verify skipped"));
        ViewAlias back = store.replace(green, green.rollBack(T0.plusSeconds(2), "wrong totals"));

        assertThat(store.get("order-history")).isEqualTo(back);
        assertThat(store.target("order-history")).contains(back);
        assertThat(store.all()).containsExactly(back);
        assertThat(store.get("other-view")).isEqualTo(ViewAlias.unset("other-view"));
    }

    @Test
    void aMoveFromAVersionNoLongerStored_isRefused_namingWhatServesNow() {
        ViewAlias read = store.get("order-history");
        store.replace(read, read.promote(BLUE, T0, false, ""));

        assertThatThrownBy(() -> store.replace(read, read.promote(GREEN, T0, false, "")))
                .isInstanceOf(BusyException.class).hasMessageContaining("moved since it was read")
                .hasMessageContaining("now 1").hasMessageContaining("serving " + BLUE);
        assertThat(store.get("order-history").target()).contains(BLUE);
    }

    @Test
    void aNextVersionThatDoesNotFollow_isRefused() {
        ViewAlias read = store.get("order-history");
        ViewAlias skipping = read.promote(BLUE, T0, false, "").promote(GREEN, T0, false, "");

        assertThatThrownBy(() -> store.replace(read, skipping)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoMovesFromTheSameVersionAtOnce_exactlyOneIsStored() throws Exception {
        int movers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(movers);
        try {
            ViewAlias read = store.get("order-history");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < movers; i++) {
                RebuildId to = RebuildId.of("orders-" + i, new SnapshotId("20261207T000000.000Z"));
                Callable<Boolean> move = () -> {
                    start.await();
                    try {
                        store.replace(read, read.promote(to, T0, false, ""));
                        return true;
                    } catch (BusyException e) {
                        return false;
                    }
                };
                results.add(pool.submit(move));
            }
            start.countDown();
            int stored = 0;
            for (Future<Boolean> result : results) {
                stored += result.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
            assertThat(store.get("order-history").version()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
