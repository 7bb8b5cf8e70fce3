package dev.reproject.live;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the live updater runs.
 *
 * @param untilCaughtUp  stop once every partition reaches the end offset it had at start
 * @param maxInFlight    UpdateItem requests in flight at most
 * @param reportInterval how often positions, lag and events/s are logged and written to the catalog
 * @param pollTimeout    how long one poll waits for records
 * @param storeRetryTimeout how long a write is tried again while DynamoDB is unavailable (unreachable, timing out,
 *                       throttling or failing with 5xx errors) before the run ends with an error
 * @param assignment     how the run gets its partitions
 * @param instanceId     with {@link Assignment#GROUP}, a stable name for this instance ({@code group.instance.id},
 *                       Kafka's static membership): restarted under the same name after a crash, it gets its
 *                       partitions back at once instead of after the session timeout; empty: a dynamic member
 */
public record LiveOptions(boolean untilCaughtUp, int maxInFlight, Duration reportInterval, Duration pollTimeout,
                          Duration storeRetryTimeout, Assignment assignment, Optional<String> instanceId) {

    /** How a live run gets the partitions of its view's topics. */
    public enum Assignment {
        /**
         * Kafka's consumer-group protocol (cooperative sticky): every process started for one rebuild joins its
         * group and gets a share of the partitions; the share moves when a process comes or goes.
         */
        GROUP,
        /** Every partition, assigned by hand, to this one process: a second process for the rebuild is refused. */
        MANUAL
    }

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
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isPresent() && (assignment != Assignment.GROUP || instanceId.get().isBlank())) {
            throw new IllegalArgumentException("an instance id names a member of a consumer group: it needs group "
                    + "assignment and must not be blank");
        }
    }

    /** A dynamic member of the rebuild's consumer group. */
    public LiveOptions(boolean untilCaughtUp, int maxInFlight, Duration reportInterval, Duration pollTimeout,
                       Duration storeRetryTimeout) {
        this(untilCaughtUp, maxInFlight, reportInterval, pollTimeout, storeRetryTimeout, Assignment.GROUP,
                Optional.empty());
    }

    /** With the default store retry timeout (2 min), a dynamic member of the rebuild's consumer group. */
    public LiveOptions(boolean untilCaughtUp, int maxInFlight, Duration reportInterval, Duration pollTimeout) {
        this(untilCaughtUp, maxInFlight, reportInterval, pollTimeout, DEFAULT_STORE_RETRY_TIMEOUT);
    }

    /** The same options with another assignment and instance id. */
    public LiveOptions withAssignment(Assignment newAssignment, Optional<String> newInstanceId) {
        return new LiveOptions(untilCaughtUp, maxInFlight, reportInterval, pollTimeout, storeRetryTimeout,
                newAssignment, newInstanceId);
    }

    public static LiveOptions defaults(boolean untilCaughtUp) {
        return new LiveOptions(untilCaughtUp, DEFAULT_MAX_IN_FLIGHT, DEFAULT_REPORT_INTERVAL, Duration.ofMillis(500));
    }
}
