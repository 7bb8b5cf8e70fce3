package dev.reproject.core.retry;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter, the project's one retry policy: before retry number {@code attempt}
 * (0 for the first retry) wait a uniformly random time in {@code [0, min(cap, base * 2^attempt)]}. Full jitter
 * spreads out writers that were throttled together, so they do not come back in step (see "Exponential Backoff
 * And Jitter", AWS Architecture Blog).
 *
 * @param base        the ceiling of the first retry's delay
 * @param cap         the largest ceiling
 * @param maxAttempts how many calls to make at most, the first one included ({@code 1} = never retry)
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) implements Serializable {

    /** 50 ms doubling to 5 s, 10 attempts: about 20 s of waiting in the worst case before giving up. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 10);

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || cap.isNegative()) {
            throw new IllegalArgumentException("backoff base and cap must not be negative, found base " + base
                    + ", cap " + cap);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff cap " + cap + " is below its base " + base
                    + ": use a cap of at least the base");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (1 = no retries), found " + maxAttempts);
        }
    }

    /** The ceiling of the delay before retry number {@code attempt}: {@code min(cap, base * 2^attempt)}. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be 0 or more, found " + attempt);
        }
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        if (baseNanos == 0) {
            return Duration.ZERO;
        }
        // base << attempt would overflow (or pass the cap) once attempt >= 63 - leading zeros
        if (attempt >= Long.numberOfLeadingZeros(baseNanos) - 1 || baseNanos > (capNanos >> attempt)) {
            return cap;
        }
        return Duration.ofNanos(baseNanos << attempt);
    }

    /** A random delay in {@code [0, ceiling(attempt)]}. */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = ceiling(attempt).toNanos();
        return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    }

    /** Whether another call may follow after {@code callsMade} calls. */
    public boolean mayRetryAfter(int callsMade) {
        return callsMade < maxAttempts;
    }
}
