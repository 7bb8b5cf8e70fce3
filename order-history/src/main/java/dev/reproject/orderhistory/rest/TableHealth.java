package dev.reproject.orderhistory.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code GET /health}: whether the table can be read, from a cheap call ({@code DescribeTable}) made at most once
 * per {@code cache} however often the endpoint is asked (load balancers ask often). Thread-safe: one caller looks
 * while the others wait for its answer.
 */
final class TableHealth {

    /** What the last look found: empty reason means UP. */
    record Status(boolean up, Optional<String> reason) {

        Status {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static final int MAX_REASON = 300;

    private final Runnable check;
    private final long cacheNanos;
    private final LongSupplier nanoTime;
    private Status last;
    private long lastAt;

    /**
     * @param check returns when the table is reachable, throws saying why not
     */
    TableHealth(Runnable check, Duration cache, LongSupplier nanoTime) {
        this.check = Objects.requireNonNull(check, "check");
        this.cacheNanos = cache.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    synchronized Status status() {
        long now = nanoTime.getAsLong();
        if (last == null || now - lastAt >= cacheNanos) {
            last = look();
            lastAt = nanoTime.getAsLong();
        }
        return last;
    }

    private Status look() {
        try {
            check.run();
            return new Status(true, Optional.empty());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            message = message.strip();
            return new Status(false, Optional.of(message.length() > MAX_REASON
                    ? message.substring(0, MAX_REASON) + "…" : message));
        }
    }
}
