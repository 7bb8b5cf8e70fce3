package dev.reproject.orderhistory.rest;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most {@code threads} answers are worked out at once (each waits on DynamoDB); up to {@code queue} more requests
 * wait, holding no thread, for up to {@code queueTimeout}; any other is answered 503 at once. A request holds its
 * place only while its answer is worked out: writing the answer, however slowly the client reads it, is Jetty's
 * non-blocking I/O and holds neither a place nor a thread. (Jetty's {@code QoSHandler} holds a place until the
 * response completes, so a few clients that stop reading large pages took every place: hence this class.)
 */
final class ConcurrencyLimit {

    private final int threads;
    private final int queueLimit;
    private final long queueTimeoutNanos;
    private final ServeMetrics metrics;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int running;

    /** A request waiting for a place. */
    private final class Waiting implements Runnable {

        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Supplier<Answer> work;
        private Scheduler.Task timeout;

        Waiting(Request request, Response response, Callback callback, Supplier<Answer> work) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.work = work;
        }

        /** Runs once it has a place (on a pool thread). */
        @Override
        public void run() {
            answer(response, callback, work);
        }

        void expire() {
            boolean removed;
            synchronized (ConcurrencyLimit.this) {
                removed = queue.remove(this);
            }
            if (removed) {
                metrics.reject(ServeMetrics.Rejection.QUEUE_TIMEOUT);
                unavailable(response, callback, "the request waited in the server's queue longer than its "
                        + "--queue-timeout: try again shortly");
            }
        }
    }

    ConcurrencyLimit(int threads, int queue, Duration queueTimeout, ServeMetrics metrics) {
        this.threads = threads;
        this.queueLimit = queue;
        this.queueTimeoutNanos = queueTimeout.toNanos();
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Answers the request with what {@code work} works out: now, on this thread, if a place is free; later, on a
     * pool thread, if it can wait in the queue; else 503 at once.
     */
    void answer(Request request, Response response, Callback callback, Supplier<Answer> work) {
        Waiting waiting = null;
        boolean now = false;
        synchronized (this) {
            if (running < threads) {
                running++;
                now = true;
            } else if (queue.size() < queueLimit) {
                waiting = new Waiting(request, response, callback, work);
                queue.addLast(waiting);
            }
        }
        if (now) {
            answer(response, callback, work);
        } else if (waiting != null) {
            Waiting expiring = waiting;
            Scheduler.Task task = request.getComponents().getScheduler().schedule(expiring::expire,
                    queueTimeoutNanos, TimeUnit.NANOSECONDS);
            synchronized (this) {
                expiring.timeout = task;
            }
        } else {
            metrics.reject(ServeMetrics.Rejection.QUEUE_FULL);
            unavailable(response, callback, "the server is answering as many requests as it may and its queue is "
                    + "full: try again shortly");
        }
    }

    /** Works the answer out holding a place, gives the place up, then writes the answer. */
    private void answer(Response response, Callback callback, Supplier<Answer> work) {
        Answer answer;
        try {
            answer = work.get();
        } finally {
            release();
        }
        Replies.json(response, callback, answer);
    }

    private void release() {
        Waiting next;
        synchronized (this) {
            next = queue.pollFirst();
            if (next == null) {
                running--;
            } else if (next.timeout != null) {
                next.timeout.cancel();
            }
        }
        if (next != null) { // the place passes to it
            try {
                next.request.getComponents().getExecutor().execute(next);
            } catch (RejectedExecutionException stopped) {
                metrics.reject(ServeMetrics.Rejection.STOPPING);
                unavailable(next.response, next.callback, "the server is stopping");
                release();
            }
        }
    }

    /** Requests waiting for a place now. */
    synchronized int queued() {
        return queue.size();
    }

    int threads() {
        return threads;
    }

    int queueLimit() {
        return queueLimit;
    }

    private static void unavailable(Response response, Callback callback, String message) {
        Replies.error(response, callback, 503, "unavailable", message, Map.of("Retry-After",
                Overload.RETRY_AFTER_SECONDS));
    }
}
