package dev.reproject.core.lease;

import dev.reproject.core.error.BusyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaseKeeperTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    /** Long enough that the keeper's own heartbeat (every 20 s of real time) never runs in a test. */
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final String NAME = LeaseNames.table("t-1");

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryLeaseStore store = new InMemoryLeaseStore(clock);

    @Test
    void takes_holds_andReleasesOnClose() {
        try (LeaseKeeper keeper = LeaseKeeper.take(store, NAME, "rebuild X", TTL, clock)) {
            keeper.check();
            assertThat(store.current(NAME)).contains(keeper.lease());
            assertThat(keeper.lease().owner()).contains("/" + ProcessHandle.current().pid() + "/");
        }
        assertThat(store.current(NAME)).isEmpty();
    }

    @Test
    void twoKeepersInOneProcess_areTwoOwners() {
        try (LeaseKeeper first = LeaseKeeper.take(store, NAME, "rebuild X", TTL, clock)) {
            assertThatThrownBy(() -> LeaseKeeper.take(store, NAME, "rebuild Y", TTL, clock))
                    .isInstanceOf(BusyException.class).hasMessageContaining("rebuild X");
            first.check();
        }
    }

    @Test
    void membersOfOneOwner_shareTheLease_untilTheLastOneCloses() {
        LeaseKeeper first = LeaseKeeper.join(store, NAME, "live t-1@5", "live t-1@5", TTL, clock);
        try (LeaseKeeper second = LeaseKeeper.join(store, NAME, "live t-1@5", "live t-1@5", TTL, clock)) {
            assertThatThrownBy(() -> LeaseKeeper.take(store, NAME, "rebuild Y", TTL, clock))
                    .isInstanceOf(BusyException.class).hasMessageContaining("live t-1@5");
            first.close();
            second.check();
            assertThatThrownBy(() -> LeaseKeeper.take(store, NAME, "rebuild Y", TTL, clock))
                    .isInstanceOf(BusyException.class);
        }
        assertThat(store.current(NAME)).isEmpty();
    }

    @Test
    void aHeartbeat_extendsTheLease_soTheCheckKeepsPassing() {
        try (LeaseKeeper keeper = LeaseKeeper.take(store, NAME, "rebuild X", TTL, clock)) {
            clock.advance(Duration.ofSeconds(45));
            keeper.renew();
            clock.advance(Duration.ofSeconds(45)); // 90 s after taking it, 45 after the heartbeat
            keeper.check();
            assertThat(keeper.lease().expiresAt()).isEqualTo(T0.plusSeconds(105));
        }
    }

    @Test
    void withoutAHeartbeat_theCheckFails_aMarginBeforeTheLeaseExpires() {
        try (LeaseKeeper keeper = LeaseKeeper.take(store, NAME, "rebuild X", TTL, clock)) {
            clock.advance(Duration.ofSeconds(49));
            keeper.check();
            clock.advance(Duration.ofSeconds(1)); // 10 s (a sixth of 60) before expiry: nobody can take it yet
            assertThatThrownBy(keeper::check).isInstanceOf(BusyException.class)
                    .hasMessageContaining("lease lost").hasMessageContaining("could not be renewed");
            assertThat(keeper.held()).isFalse();
        }
    }

    @Test
    void aLeaseTakenOver_failsTheCheckAtTheNextHeartbeat_andIsNotReleasedByItsOldKeeper() {
        LeaseKeeper keeper = LeaseKeeper.take(store, NAME, "rebuild X", TTL, clock);
        clock.advance(TTL);
        Lease other = store.acquire(NAME, "someone-else", "rebuild Y", TTL);

        keeper.renew();

        assertThatThrownBy(keeper::check).isInstanceOf(BusyException.class)
                .hasMessageContaining("taken over").hasMessageContaining("rebuild Y");
        keeper.close();
        assertThat(store.current(NAME)).contains(other);
    }

    @Test
    void anUnreachableStore_isRetried_andTheCheckFailsOnlyWhenTimeRunsOut() {
        FailingRenewals failing = new FailingRenewals(store);
        try (LeaseKeeper keeper = LeaseKeeper.take(failing, NAME, "rebuild X", TTL, clock)) {
            failing.failing = true;
            clock.advance(Duration.ofSeconds(20));
            keeper.renew();
            keeper.check(); // not renewed, but still well within its time
            failing.failing = false;
            clock.advance(Duration.ofSeconds(20));
            keeper.renew(); // the store is back
            clock.advance(Duration.ofSeconds(45));
            keeper.check();
        }
    }

    @Test
    void aTimeToLiveUnderOneSecond_isRefused() {
        assertThatThrownBy(() -> LeaseKeeper.take(store, NAME, "x", Duration.ofMillis(500), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 s");
        assertThat(store.current(NAME)).isEmpty();
    }

    /** A store whose renewals fail as an unreachable server's would, while {@link #failing}. */
    private static final class FailingRenewals implements LeaseStore {
        private final LeaseStore store;
        volatile boolean failing;

        FailingRenewals(LeaseStore store) {
            this.store = store;
        }

        @Override
        public Lease acquire(String name, String owner, String purpose, Duration ttl) {
            return store.acquire(name, owner, purpose, ttl);
        }

        @Override
        public Lease renew(Lease lease, Duration ttl) {
            if (failing) {
                throw new IllegalStateException("connection refused");
            }
            return store.renew(lease, ttl);
        }

        @Override
        public void release(Lease lease) {
            store.release(lease);
        }

        @Override
        public Lease join(String name, String owner, String member, String purpose, Duration ttl) {
            return store.join(name, owner, member, purpose, ttl);
        }

        @Override
        public void leave(Lease lease, String member) {
            store.leave(lease, member);
        }

        @Override
        public Optional<Lease> current(String name) {
            return store.current(name);
        }
    }
}
