package dev.reproject.core.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link LeaseStore} in a map, for unit tests and runs without a catalog. Thread-safe. */
public final class InMemoryLeaseStore implements LeaseStore {

    private final Clock clock;
    private final Map<String, Lease> leases = new HashMap<>();

    public InMemoryLeaseStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Lease acquire(String name, String owner, String purpose, Duration ttl) {
        Instant now = clock.instant();
        Lease current = leases.get(name);
        if (current != null && current.heldAt(now) && !current.owner().equals(owner)) {
            throw LeaseRules.busy(name, purpose, current, now);
        }
        Lease taken = new Lease(name, owner, purpose, now, now.plus(ttl));
        leases.put(name, taken);
        return taken;
    }

    @Override
    public synchronized Lease renew(Lease lease, Duration ttl) {
        Lease current = leases.get(lease.name());
        if (current == null || !current.owner().equals(lease.owner())) {
            throw LeaseRules.lost(lease, current == null ? "it was released"
                    : "it was taken over by " + current.describe());
        }
        Lease renewed = current.expiringAt(clock.instant().plus(ttl));
        leases.put(lease.name(), renewed);
        return renewed;
    }

    @Override
    public synchronized void release(Lease lease) {
        Lease current = leases.get(lease.name());
        if (current != null && current.owner().equals(lease.owner())) {
            leases.remove(lease.name());
        }
    }

    @Override
    public synchronized Optional<Lease> current(String name) {
        return Optional.ofNullable(leases.get(name));
    }
}
