package dev.reproject.core.lease;

import dev.reproject.core.error.BusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A lease held for the length of a run (CONTRACT.md §6.10): taken by {@link #take}, renewed by a heartbeat every
 * third of its time to live, and released by {@link #close}.
 *
 * <p>A run asks {@link #check()} before each thing it commits. The check fails once the lease is lost: another
 * owner has it, or it was not renewed in time — should the store be unreachable, or the process stall, the run
 * stops a safety margin (a sixth of the time to live) before the moment anyone else could take the lease over, so
 * that two owners never write at once as long as clocks agree to within that margin.
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final LeaseStore store;
    private final Duration ttl;
    private final Clock clock;
    private final ScheduledExecutorService heartbeat;
    /** Empty for a lease of one owner; the member this keeper is, for a shared one ({@link #join}). */
    private final Optional<String> member;
    private volatile Lease lease;
    private volatile String lostBecause;

    private LeaseKeeper(LeaseStore store, Lease lease, Optional<String> member, Duration ttl, Clock clock) {
        this.store = store;
        this.member = member;
        this.lease = lease;
        this.ttl = ttl;
        this.clock = clock;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reproject-lease-" + lease.name());
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease {@code name} for a new owner and keeps it.
     *
     * @throws BusyException naming the holder, when another run holds it
     */
    public static LeaseKeeper take(LeaseStore store, String name, String purpose, Duration ttl, Clock clock) {
        Objects.requireNonNull(store, "store");
        requireTtl(ttl);
        Lease lease = store.acquire(name, LeaseOwner.fresh(), purpose, ttl);
        log.info("took lease {} for {} until {}", name, purpose, lease.expiresAt());
        return new LeaseKeeper(store, lease, Optional.empty(), ttl, clock);
    }

    /**
     * Takes the lease {@code name} for {@code owner}, shared with the other members of that owner (the instances
     * of one live updater), as a new member; {@link #close} leaves it (see {@link LeaseStore#join}).
     *
     * @throws BusyException naming the holder, when another owner holds it
     */
    public static LeaseKeeper join(LeaseStore store, String name, String owner, String purpose, Duration ttl,
                                   Clock clock) {
        Objects.requireNonNull(store, "store");
        requireTtl(ttl);
        String member = LeaseOwner.fresh();
        Lease lease = store.join(name, owner, member, purpose, ttl);
        log.info("joined lease {} of {} as {} until {}", name, owner, member, lease.expiresAt());
        return new LeaseKeeper(store, lease, Optional.of(member), ttl, clock);
    }

    private static void requireTtl(Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a lease must live at least 1 s, was " + ttl);
        }
    }

    public Lease lease() {
        return lease;
    }

    /** @throws BusyException when the lease is lost, or would be before another heartbeat could renew it */
    public void check() {
        String why = lostBecause;
        if (why == null && !clock.instant().isBefore(lease.expiresAt().minus(margin()))) {
            why = "it was last renewed to " + lease.expiresAt() + " and could not be renewed since";
        }
        if (why != null) {
            throw LeaseRules.lost(lease, why);
        }
    }

    /** Whether {@link #check()} would pass. */
    public boolean held() {
        return lostBecause == null && clock.instant().isBefore(lease.expiresAt().minus(margin()));
    }

    private Duration margin() {
        return ttl.dividedBy(6);
    }

    /** One heartbeat; the scheduler calls it every third of the time to live (tests call it directly). */
    void renew() {
        if (lostBecause != null) {
            return;
        }
        try {
            lease = store.renew(lease, ttl);
        } catch (BusyException e) {
            lostBecause = e.getMessage();
            log.error("{}", e.getMessage());
        } catch (RuntimeException e) { // the store is unreachable: try again; check() fails when time runs out
            Instant now = clock.instant();
            log.warn("could not renew lease {} (held until {}, now {}): {}", lease.name(), lease.expiresAt(), now,
                    e.toString());
        }
    }

    /**
     * Stops the heartbeat and releases the lease, if it is still this owner's (a shared one: leaves it, and it is
     * released when no member is left). Never throws.
     */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (member.isPresent()) {
                store.leave(lease, member.get());
                log.info("left lease {}", lease.name());
            } else {
                store.release(lease);
                log.info("released lease {}", lease.name());
            }
        } catch (RuntimeException e) {
            log.warn("could not release lease {}: {}; it expires at {}", lease.name(), e.toString(),
                    lease.expiresAt());
        }
    }
}
