package dev.reproject.cli;

import dev.reproject.core.lease.Lease;
import dev.reproject.core.lease.LeaseStore;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Passes every call on to a real store; the first acquire or join that succeeds then waits, holding the lease, until the
 * test lets it go. Makes "two runs started together" deterministic: the first is inside its lease while the second
 * asks.
 */
final class HoldingLeases implements LeaseStore {

    private final LeaseStore store;
    private final CountDownLatch taken = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);

    HoldingLeases(LeaseStore store) {
        this.store = store;
    }

    void awaitTaken() throws InterruptedException {
        if (!taken.await(2, TimeUnit.MINUTES)) {
            throw new AssertionError("the first run never took its lease");
        }
    }

    void letGo() {
        letGo.countDown();
    }

    @Override
    public Lease acquire(String name, String owner, String purpose, Duration ttl) {
        return holdFirst(store.acquire(name, owner, purpose, ttl));
    }

    @Override
    public Lease join(String name, String owner, String member, String purpose, Duration ttl) {
        return holdFirst(store.join(name, owner, member, purpose, ttl));
    }

    @Override
    public void leave(Lease lease, String member) {
        store.leave(lease, member);
    }

    private Lease holdFirst(Lease lease) {
        if (taken.getCount() > 0) {
            taken.countDown();
            try {
                if (!letGo.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never let the first run go on");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return lease;
    }

    @Override
    public Lease renew(Lease lease, Duration ttl) {
        return store.renew(lease, ttl);
    }

    @Override
    public void release(Lease lease) {
        store.release(lease);
    }

    @Override
    public Optional<Lease> current(String name) {
        return store.current(name);
    }
}
