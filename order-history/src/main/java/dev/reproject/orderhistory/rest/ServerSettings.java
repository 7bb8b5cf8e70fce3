package dev.reproject.orderhistory.rest;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code serve} takes load (README "query and serve"; CONTRACT.md §4.7).
 *
 * @param address        where to listen (port 0: any free port)
 * @param threads        requests answered at once: the most that wait on DynamoDB together
 * @param queue          requests that may wait for one of those beyond them; a request arriving when the queue
 *                       is full is answered 503 at once
 * @param queueTimeout   the longest a request waits in the queue before it is answered 503
 * @param idleTimeout    a connection that sends or reads nothing for this long is closed: a slow or stalled client
 *                       holds a connection at most this long, and never a thread while it sends or reads
 * @param stopTimeout    on stop, how long requests in flight may take to finish before the server closes anyway
 * @param maxConnections open connections at most; beyond them the server stops accepting until one closes
 * @param healthCache    how long {@code GET /health} reuses its last look at the table
 */
public record ServerSettings(InetSocketAddress address,
                             int threads,
                             int queue,
                             Duration queueTimeout,
                             Duration idleTimeout,
                             Duration stopTimeout,
                             int maxConnections,
                             Duration healthCache) {

    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_QUEUE = 64;
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final Duration DEFAULT_HEALTH_CACHE = Duration.ofSeconds(2);

    public ServerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(healthCache, "healthCache");
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("--queue must be 0 or more, was " + queue);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1, was " + maxConnections);
        }
        requirePositive("--queue-timeout", queueTimeout);
        requirePositive("--idle-timeout", idleTimeout);
        if (stopTimeout.isNegative() || healthCache.isNegative()) {
            throw new IllegalArgumentException("--stop-timeout and the health cache must not be negative");
        }
    }

    /** The defaults, listening on {@code address}. */
    public static ServerSettings defaults(InetSocketAddress address) {
        return new ServerSettings(address, DEFAULT_THREADS, DEFAULT_QUEUE, DEFAULT_QUEUE_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_STOP_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_HEALTH_CACHE);
    }

    public ServerSettings withThreads(int newThreads) {
        return new ServerSettings(address, newThreads, queue, queueTimeout, idleTimeout, stopTimeout, maxConnections,
                healthCache);
    }

    public ServerSettings withQueue(int newQueue, Duration newQueueTimeout) {
        return new ServerSettings(address, threads, newQueue, newQueueTimeout, idleTimeout, stopTimeout,
                maxConnections, healthCache);
    }

    public ServerSettings withIdleTimeout(Duration newIdleTimeout) {
        return new ServerSettings(address, threads, queue, queueTimeout, newIdleTimeout, stopTimeout, maxConnections,
                healthCache);
    }

    public ServerSettings withStopTimeout(Duration newStopTimeout) {
        return new ServerSettings(address, threads, queue, queueTimeout, idleTimeout, newStopTimeout, maxConnections,
                healthCache);
    }

    public ServerSettings withHealthCache(Duration newHealthCache) {
        return new ServerSettings(address, threads, queue, queueTimeout, idleTimeout, stopTimeout, maxConnections,
                newHealthCache);
    }

    private static void requirePositive(String option, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(option + " must be more than 0, was " + duration);
        }
    }
}
