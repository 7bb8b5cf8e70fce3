package dev.reproject.core.lease;

import dev.reproject.core.error.BusyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
 * The rules every {@link LeaseStore} follows, written once: a subclass supplies a new, empty store per test whose
 * clock is the one given (in memory in core's unit tests, in a DynamoDB catalog table on dynalite in the aws
 * module's ITs). Shipped in core's test jar.
 */
public abstract class LeaseStoreContract {

    protected static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    protected static final Duration TTL = Duration.ofSeconds(60);
    protected static final String NAME = LeaseNames.table("orders-view");

    protected SettableClock clock;
    protected LeaseStore store;

    /** A new store with no leases in it, reading the time from {@code clock}. */
    protected abstract LeaseStore newStore(SettableClock clock);

    @BeforeEach
    void emptyStore() {
        clock = new SettableClock(T0);
        store = newStore(clock);
    }

    @Test
    void aFreeLease_isTaken_untilNowPlusItsTimeToLive() {
        assertThat(store.current(NAME)).isEmpty();

        Lease lease = store.acquire(NAME, "owner-a", "rebuild A", TTL);

        assertThat(lease).isEqualTo(new Lease(NAME, "owner-a", "rebuild A", T0, T0.plus(TTL)));
        assertThat(store.current(NAME)).contains(lease);
    }

    @Test
    void aHeldLease_refusesAnotherOwner_namingTheHolderAndItsExpiry() {
        store.acquire(NAME, "owner-a", "rebuild A", TTL);
        clock.advance(Duration.ofSeconds(59));

        assertThatThrownBy(() -> store.acquire(NAME, "owner-b", "rebuild B", TTL))
                .isInstanceOf(BusyException.class)
                .hasMessageContaining(NAME).hasMessageContaining("rebuild A").hasMessageContaining("owner-a")
                .hasMessageContaining("rebuild B").hasMessageContaining("in 1 s");
        assertThat(store.current(NAME).orElseThrow().owner()).isEqualTo("owner-a");
    }

    @Test
    void anExpiredLease_isTakenOver_andItsOldOwnerCanNeitherRenewNorReleaseIt() {
        Lease a = store.acquire(NAME, "owner-a", "rebuild A", TTL);
        clock.advance(TTL);

        Lease b = store.acquire(NAME, "owner-b", "rebuild B", TTL);

        assertThat(b.owner()).isEqualTo("owner-b");
        assertThat(b.takenAt()).isEqualTo(T0.plus(TTL));
        assertThatThrownBy(() -> store.renew(a, TTL)).isInstanceOf(BusyException.class)
                .hasMessageContaining("taken over").hasMessageContaining("owner-b");
        store.release(a);
        assertThat(store.current(NAME)).contains(b);
    }

    @Test
    void renewing_extendsFromNow_andKeepsWhenItWasTaken() {
        Lease a = store.acquire(NAME, "owner-a", "rebuild A", TTL);
        clock.advance(Duration.ofSeconds(20));

        Lease renewed = store.renew(a, TTL);

        assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(80));
        assertThat(renewed.takenAt()).isEqualTo(T0);
        clock.advance(Duration.ofSeconds(50)); // past the first expiry, before the renewed one
        assertThatThrownBy(() -> store.acquire(NAME, "owner-b", "rebuild B", TTL)).isInstanceOf(BusyException.class);
    }

    @Test
    void theOwner_takesItsOwnLeaseAgain() {
        store.acquire(NAME, "owner-a", "rebuild A", TTL);
        clock.advance(Duration.ofSeconds(10));

        Lease again = store.acquire(NAME, "owner-a", "rebuild A", TTL);

        assertThat(again.expiresAt()).isEqualTo(T0.plusSeconds(70));
    }

    @Test
    void released_isFreeForAnyone_andCannotBeRenewed() {
        Lease a = store.acquire(NAME, "owner-a", "rebuild A", TTL);

        store.release(a);

        assertThat(store.current(NAME)).isEmpty();
        assertThatThrownBy(() -> store.renew(a, TTL)).isInstanceOf(BusyException.class)
                .hasMessageContaining("released");
        assertThat(store.acquire(NAME, "owner-b", "rebuild B", TTL).owner()).isEqualTo("owner-b");
    }

    @Test
    void leasesOfDifferentNames_areIndependent() {
        store.acquire(NAME, "owner-a", "rebuild A", TTL);

        Lease other = store.acquire(LeaseNames.table("other-view"), "owner-b", "rebuild B", TTL);
        Lease snapshots = store.acquire(LeaseNames.snapshots("orders", "s3a://b/snapshots"), "owner-c", "snap", TTL);

        assertThat(other.owner()).isEqualTo("owner-b");
        assertThat(snapshots.owner()).isEqualTo("owner-c");
        assertThat(LeaseNames.snapshots("orders", "file:/s/")).isEqualTo(LeaseNames.snapshots("orders", "file:/s"));
    }

    @Test
    void manyOwnersAskingAtOnce_exactlyOneGetsIt() throws Exception {
        int owners = 8;
        ExecutorService pool = Executors.newFixedThreadPool(owners);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < owners; i++) {
                String owner = "owner-" + i;
                Callable<Boolean> ask = () -> {
                    start.await();
                    try {
                        store.acquire(NAME, owner, "run " + owner, TTL);
                        return true;
                    } catch (BusyException e) {
                        return false;
                    }
                };
                results.add(pool.submit(ask));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void members_ofOneOwner_shareALease_thatAnotherOwnerCannotTake() {
        Lease first = store.join(NAME, "live t@1", "member-1", "live t@1", TTL);
        clock.advance(Duration.ofSeconds(10));

        Lease second = store.join(NAME, "live t@1", "member-2", "live t@1", TTL);

        assertThat(first).isEqualTo(new Lease(NAME, "live t@1", "live t@1", T0, T0.plus(TTL)));
        assertThat(second.takenAt()).isEqualTo(T0);
        assertThat(second.expiresAt()).isEqualTo(T0.plusSeconds(70));
        assertThatThrownBy(() -> store.acquire(NAME, "owner-b", "rebuild B", TTL)).isInstanceOf(BusyException.class)
                .hasMessageContaining("live t@1");
        assertThatThrownBy(() -> store.join(NAME, "live t@2", "member-3", "live t@2", TTL))
                .isInstanceOf(BusyException.class).hasMessageContaining("live t@1");
    }

    @Test
    void anExclusiveLease_refusesMembersOfAnotherOwner() {
        store.acquire(NAME, "owner-a", "rebuild A", TTL);

        assertThatThrownBy(() -> store.join(NAME, "live t@1", "member-1", "live t@1", TTL))
                .isInstanceOf(BusyException.class).hasMessageContaining("rebuild A");
    }

    @Test
    void anyMembersRenewal_keepsTheSharedLease_pastTheOthersLastRenewal() {
        Lease first = store.join(NAME, "live t@1", "member-1", "live t@1", TTL);
        store.join(NAME, "live t@1", "member-2", "live t@1", TTL);
        clock.advance(Duration.ofSeconds(50));

        store.renew(first, TTL); // member-2 never renews: it may have died

        clock.advance(Duration.ofSeconds(50)); // 100 s after member-2 last renewed
        assertThatThrownBy(() -> store.acquire(NAME, "owner-b", "rebuild B", TTL)).isInstanceOf(BusyException.class);
    }

    @Test
    void theSharedLease_isReleased_whenItsLastMemberLeaves() {
        Lease first = store.join(NAME, "live t@1", "member-1", "live t@1", TTL);
        Lease second = store.join(NAME, "live t@1", "member-2", "live t@1", TTL);

        store.leave(first, "member-1");

        assertThat(store.current(NAME)).isPresent();
        assertThatThrownBy(() -> store.acquire(NAME, "owner-b", "rebuild B", TTL)).isInstanceOf(BusyException.class);
        store.renew(second, TTL);

        store.leave(second, "member-2");

        assertThat(store.current(NAME)).isEmpty();
        assertThat(store.acquire(NAME, "owner-b", "rebuild B", TTL).owner()).isEqualTo("owner-b");
    }

    @Test
    void aMemberThatDiedWithoutLeaving_keepsTheLease_untilItExpires() {
        Lease survivor = store.join(NAME, "live t@1", "member-1", "live t@1", TTL);
        store.join(NAME, "live t@1", "member-killed", "live t@1", TTL);

        store.leave(survivor, "member-1");

        assertThatThrownBy(() -> store.acquire(NAME, "owner-b", "rebuild B", TTL)).isInstanceOf(BusyException.class);
        clock.advance(TTL);
        Lease taken = store.acquire(NAME, "owner-b", "rebuild B", TTL);
        assertThat(taken.owner()).isEqualTo("owner-b");
        store.release(taken);
        Lease rejoined = store.join(NAME, "live t@1", "member-2", "live t@1", TTL);
        store.leave(rejoined, "member-2"); // the dead member of the expired lease no longer counts
        assertThat(store.current(NAME)).isEmpty();
    }

    @Test
    void leaving_aLeaseTakenOverByAnotherOwner_doesNothing() {
        Lease shared = store.join(NAME, "live t@1", "member-1", "live t@1", TTL);
        clock.advance(TTL);
        Lease b = store.acquire(NAME, "owner-b", "rebuild B", TTL);

        store.leave(shared, "member-1");

        assertThat(store.current(NAME)).contains(b);
    }
}
