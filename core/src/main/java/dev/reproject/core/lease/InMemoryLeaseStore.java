package dev.reproject.core.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A {@link LeaseStore} in a map, for unit tests and runs without a catalog. Thread-safe. */
public final class InMemoryLeaseStore implements LeaseStore {

    private final Clock clock;
    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();

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
        members.remove(name);
        return taken;
    }

    @Override
    public synchronized Lease join(String name, String owner, String member, String purpose, Duration ttl) {
        Instant now = clock.instant();
        Lease current = leases.get(name);
        if (current != null && current.heldAt(now) && current.owner().equals(owner)) {
            Lease extended = current.expiringAt(now.plus(ttl));
            leases.put(name, extended);
            members.computeIfAbsent(name, n -> new HashSet<>()).add(member);
            return extended;
        }
        Lease taken = acquire(name, owner, purpose, ttl);
        members.computeIfAbsent(name, n -> new HashSet<>()).add(member);
        return taken;
    }

    @Override
    public synchronized void leave(Lease lease, String member) {
        Lease current = leases.get(lease.name());
        if (current == null || !current.owner().equals(lease.owner())) {
            return;
        }
        Set<String> left = members.getOrDefault(lease.name(), new HashSet<>());
        left.remove(member);
        if (left.isEmpty()) {
            leases.remove(lease.name());
            members.remove(lease.name());
        }
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
            members.remove(lease.name());
        }
    }

    @Override
    public synchronized Optional<Lease> current(String name) {
        return Optional.ofNullable(leases.get(name));
    }
}
