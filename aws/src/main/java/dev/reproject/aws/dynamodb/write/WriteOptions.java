package dev.reproject.aws.dynamodb.write;

import dev.reproject.core.retry.Backoff;

import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How one {@link BulkWriter} writes. Serializable: it travels to the Spark executors.
 *
 * @param backoff        waits between retries, and how many calls a batch may take
 * @param itemsPerSecond this writer's cap in items per second, or {@link #UNLIMITED}; a job with a total rate
 *                       gives each of its writer tasks a share ({@link #sharedBy(int)})
 */
public record WriteOptions(Backoff backoff, double itemsPerSecond) implements Serializable {

    public static final double UNLIMITED = 0;

    public static final WriteOptions DEFAULT = new WriteOptions(Backoff.DEFAULT, UNLIMITED);

    public WriteOptions {
        Objects.requireNonNull(backoff, "backoff");
        if (!(itemsPerSecond >= 0 && Double.isFinite(itemsPerSecond))) {
            throw new IllegalArgumentException("items per second must be positive (or 0 for no limit), found "
                    + itemsPerSecond);
        }
    }

    /** The rate cap, if any. */
    public OptionalDouble rateLimit() {
        return itemsPerSecond == UNLIMITED ? OptionalDouble.empty() : OptionalDouble.of(itemsPerSecond);
    }

    /** How many calls one batch may take, the first included. */
    public int maxAttempts() {
        return backoff.maxAttempts();
    }

    public WriteOptions withItemsPerSecond(double rate) {
        return new WriteOptions(backoff, rate);
    }

    public WriteOptions withBackoff(Backoff other) {
        return new WriteOptions(other, itemsPerSecond);
    }

    /** The options for one of {@code writers} writers that together keep to this rate. */
    public WriteOptions sharedBy(int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1, found " + writers);
        }
        return new WriteOptions(backoff, itemsPerSecond / writers);
    }
}
