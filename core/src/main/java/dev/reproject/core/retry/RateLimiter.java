package dev.reproject.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A token bucket: permits come in at {@code rate} per second, and up to {@code burst} of them can be saved up by an
 * idle caller. {@link #acquire(int)} takes its permits at once, going into debt if the bucket holds too few, and
 * then waits until the debt is paid off. So a caller may ask for more than the burst (a batch of 25 at 10/s), the
 * permits handed out by time {@code t} never exceed {@code burst + rate * t}, and concurrent callers queue up behind
 * each other's debt. An oversleeping caller is not penalised: elapsed time, not sleep time, refills the bucket.
 *
 * <p>Thread-safe. Without a rate it never waits.
 */
public final class RateLimiter {

    /** The default burst: a tenth of a second's permits, at least one. */
    public static final Duration DEFAULT_BURST_TIME = Duration.ofMillis(100);

    private static final double NANOS_PER_SECOND = 1e9;

    private final OptionalDouble rate;
    private final double burst;
    private final Sleeper sleeper;
    private final NanoClock clock;

    private double tokens;
    private long refilledAt;

    private RateLimiter(OptionalDouble rate, double burst, Sleeper sleeper, NanoClock clock) {
        this.rate = Objects.requireNonNull(rate, "rate");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (rate.isPresent() && !(rate.getAsDouble() > 0 && Double.isFinite(rate.getAsDouble()))) {
            throw new IllegalArgumentException("rate must be a positive number of permits per second, found "
                    + rate.getAsDouble() + " (leave it out for no limit)");
        }
        if (!(burst >= 1 && Double.isFinite(burst))) {
            throw new IllegalArgumentException("burst must be at least 1 permit, found " + burst);
        }
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = clock.nanoTime();
    }

    /** Never waits. */
    public static RateLimiter unlimited() {
        return new RateLimiter(OptionalDouble.empty(), 1, Sleeper.SYSTEM, NanoClock.SYSTEM);
    }

    /** {@code permitsPerSecond} (none: unlimited) on the system clock, with the default burst. */
    public static RateLimiter of(OptionalDouble permitsPerSecond) {
        return of(permitsPerSecond, Sleeper.SYSTEM, NanoClock.SYSTEM);
    }

    /** {@code permitsPerSecond} (none: unlimited), with the default burst. */
    public static RateLimiter of(OptionalDouble permitsPerSecond, Sleeper sleeper, NanoClock clock) {
        double burst = Math.max(1, permitsPerSecond.orElse(1) * DEFAULT_BURST_TIME.toNanos() / NANOS_PER_SECOND);
        return new RateLimiter(permitsPerSecond, burst, sleeper, clock);
    }

    /** {@code permitsPerSecond} with at most {@code burst} permits saved up. */
    public static RateLimiter of(double permitsPerSecond, double burst, Sleeper sleeper, NanoClock clock) {
        return new RateLimiter(OptionalDouble.of(permitsPerSecond), burst, sleeper, clock);
    }

    public OptionalDouble rate() {
        return rate;
    }

    public double burst() {
        return burst;
    }

    /** Takes {@code permits}, waiting as long as the rate requires. */
    public void acquire(int permits) throws InterruptedException {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be 0 or more, found " + permits);
        }
        if (rate.isEmpty() || permits == 0) {
            return;
        }
        long waitNanos = reserve(permits);
        if (waitNanos > 0) {
            sleeper.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /** Takes the permits now (possibly into debt) and returns how long to wait until the debt is paid off. */
    private synchronized long reserve(int permits) {
        double perSecond = rate.getAsDouble();
        long now = clock.nanoTime();
        long elapsed = Math.max(0, now - refilledAt);
        refilledAt = now;
        tokens = Math.min(burst, tokens + elapsed * perSecond / NANOS_PER_SECOND);
        tokens -= permits;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * NANOS_PER_SECOND);
    }

    @Override
    public String toString() {
        return rate.isEmpty() ? "RateLimiter[unlimited]"
                : "RateLimiter[" + rate.getAsDouble() + "/s, burst " + burst + "]";
    }
}
