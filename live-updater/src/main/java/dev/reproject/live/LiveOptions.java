package dev.reproject.live;

import java.time.Duration;
import java.util.Objects;

/**
 * How the live updater runs.
 *
 * @param untilCaughtUp  stop once every partition reaches the end offset it had at start
 * @param maxInFlight    UpdateItem requests in flight at most
 * @param reportInterval how often positions, lag and events/s are logged and written to the catalog
 * @param pollTimeout    how long one poll waits for records
 * @param storeRetryTimeout how long a write is tried again while DynamoDB is unavailable (unreachable, timing out,
 *                       throttling or failing with 5xx errors) before the run ends with an error
 */
public record LiveOptions(boolean untilCaughtUp, int maxInFlight, Duration reportInterval, Duration pollTimeout,
                          Duration storeRetryTimeout) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 16;
    public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STORE_RETRY_TIMEOUT = Duration.ofMinutes(2);

    public LiveOptions {
        if (maxInFlight < 1 || maxInFlight > 256) {
            throw new IllegalArgumentException("requests in flight must be 1 to 256, was " + maxInFlight);
        }
        Objects.requireNonNull(reportInterval, "reportInterval");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(storeRetryTimeout, "storeRetryTimeout");
        if (storeRetryTimeout.isNegative()) {
            throw new IllegalArgumentException("the store retry timeout must not be negative, was "
                    + storeRetryTimeout);
        }
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw new IllegalArgumentException("the report interval must be positive, was " + reportInterval);
        }
    }

    /** With the default store retry timeout (2 min). */
    public LiveOptions(boolean untilCaughtUp, int maxInFlight, Duration reportInterval, Duration pollTimeout) {
        this(untilCaughtUp, maxInFlight, reportInterval, pollTimeout, DEFAULT_STORE_RETRY_TIMEOUT);
    }

    public static LiveOptions defaults(boolean untilCaughtUp) {
        return new LiveOptions(untilCaughtUp, DEFAULT_MAX_IN_FLIGHT, DEFAULT_REPORT_INTERVAL, Duration.ofMillis(500));
    }
}
