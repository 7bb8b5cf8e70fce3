package dev.reproject.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an SDK client may wait, set deliberately so that a store that stops answering is an error after a bounded
 * time, never a hang: per HTTP attempt, per call (all of the SDK's own retries), to connect, and how many connections
 * one client keeps.
 *
 * @param attempt        one HTTP request, answer included
 * @param call           one API call with every retry the SDK makes
 * @param connect        opening a connection
 * @param maxConnections the client's pool: more than the requests it may have in flight, which for DynamoDB is up to
 *                       {@code live --max-in-flight} (at most 256) plus the catalog's calls
 */
public record AwsTimeouts(Duration attempt, Duration call, Duration connect, int maxConnections) {

    /** DynamoDB: a {@code BatchWriteItem} of 25 items of 400 KB is 10 MB in one attempt. */
    public static final AwsTimeouts DYNAMODB = new AwsTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(90),
            Duration.ofSeconds(5), 300);
    /** S3: whole archive files and snapshot manifests in one request. */
    public static final AwsTimeouts S3 = new AwsTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(6),
            Duration.ofSeconds(5), 64);

    public AwsTimeouts {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(connect, "connect");
        if (attempt.isNegative() || attempt.isZero() || call.compareTo(attempt) < 0) {
            throw new IllegalArgumentException("timeouts must be positive and a call at least one attempt long: "
                    + "attempt " + attempt + ", call " + call);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be 1 or more, was " + maxConnections);
        }
    }
}
