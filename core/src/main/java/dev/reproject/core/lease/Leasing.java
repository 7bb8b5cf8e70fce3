package dev.reproject.core.lease;

import dev.reproject.core.error.BusyException;
import dev.reproject.core.retry.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a job takes its lease: where leases are kept, how long one lives without a heartbeat, how long to wait for a
 * busy one, and the clock.
 *
 * @param store   where the leases are ({@code DynamoLeases} in the catalog table in every command)
 * @param ttl     time to live; a run that dies holds its lease this long at most ({@code --lease-ttl})
 * @param patience how long to keep asking for a lease another run holds before giving up busy ({@code --lease-wait};
 *                zero: ask once)
 * @param clock   the time expiries are computed from
 * @param sleeper waits between two asks
 */
public record Leasing(LeaseStore store, Duration ttl, Duration patience, Clock clock, Sleeper sleeper) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    private static final Duration ASK_EVERY = Duration.ofSeconds(1);

    public Leasing {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(patience, "patience");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        if (patience.isNegative()) {
            throw new IllegalArgumentException("the wait for a lease must be >= 0, was " + patience);
        }
    }

    /** Asks once, with the default time to live. */
    public Leasing(LeaseStore store, Clock clock) {
        this(store, DEFAULT_TTL, Duration.ZERO, clock, Sleeper.SYSTEM);
    }

    /** Leases that only this process sees (an {@link InMemoryLeaseStore}): for tests and one-process benchmarks. */
    public static Leasing inProcess(Clock clock) {
        return new Leasing(new InMemoryLeaseStore(clock), clock);
    }

    /**
     * Takes the lease, asking again every second while another run holds it, for up to {@link #patience}.
     *
     * @throws BusyException when another run still holds it after that
     * @see LeaseKeeper#take
     */
    public LeaseKeeper take(String name, String purpose) {
        Instant giveUp = clock.instant().plus(patience);
        while (true) {
            try {
                return LeaseKeeper.take(store, name, purpose, ttl, clock);
            } catch (BusyException busy) {
                waitOrGiveUp(giveUp, busy);
            }
        }
    }

    /**
     * Joins the lease shared by {@code owner}'s members, asking again while another owner holds it, as
     * {@link #take}.
     *
     * @see LeaseKeeper#join
     */
    public LeaseKeeper join(String name, String owner, String purpose) {
        Instant giveUp = clock.instant().plus(patience);
        while (true) {
            try {
                return LeaseKeeper.join(store, name, owner, purpose, ttl, clock);
            } catch (BusyException busy) {
                waitOrGiveUp(giveUp, busy);
            }
        }
    }

    private void waitOrGiveUp(Instant giveUp, BusyException busy) {
        Duration left = Duration.between(clock.instant(), giveUp);
        if (left.isNegative() || left.isZero()) {
            throw busy;
        }
        pause(left.compareTo(ASK_EVERY) < 0 ? left : ASK_EVERY, busy);
    }

    private void pause(Duration duration, BusyException busy) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy;
        }
    }
}
