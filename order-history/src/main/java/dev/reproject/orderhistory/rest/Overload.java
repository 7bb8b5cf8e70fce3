package dev.reproject.orderhistory.rest;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Jetty's own limits, answering as the API does (JSON, counted by reason): {@link Limit} (a {@link QoSHandler}:
 * at most {@code --threads} requests run, {@code --queue} more wait up to {@code --queue-timeout}, the rest get 503
 * at once) and {@link Stopping} (a {@link GracefulHandler}: once stop begins, requests in flight finish and new ones
 * get 503).
 */
final class Overload {

    static final String RETRY_AFTER_SECONDS = "1";

    private Overload() {
    }

    static final class Limit extends QoSHandler {

        private final ServeMetrics metrics;

        Limit(ServeMetrics metrics, Handler handler) {
            super(handler);
            this.metrics = Objects.requireNonNull(metrics, "metrics");
        }

        /** The queue was full. */
        @Override
        protected void reject(Request request, Response response, Callback callback, int status) {
            metrics.reject(ServeMetrics.Rejection.QUEUE_FULL);
            unavailable(response, callback, "the server is answering as many requests as it may and its queue is "
                    + "full: try again shortly");
        }

        /** It waited too long in the queue, or failed when it was resumed. */
        @Override
        protected void failSuspended(Request request, Response response, Callback callback, int status,
                                     Throwable failure) {
            if (!(failure instanceof TimeoutException)) {
                super.failSuspended(request, response, callback, status, failure);
                return;
            }
            metrics.reject(ServeMetrics.Rejection.QUEUE_TIMEOUT);
            unavailable(response, callback, "the request waited in the server's queue longer than its "
                    + "--queue-timeout: try again shortly");
        }
    }

    static final class Stopping extends GracefulHandler {

        private final ServeMetrics metrics;

        Stopping(ServeMetrics metrics, Handler handler) {
            super(handler);
            this.metrics = Objects.requireNonNull(metrics, "metrics");
        }

        @Override
        protected void handleShutdownRejection(Request request, Response response, Callback callback) {
            metrics.reject(ServeMetrics.Rejection.STOPPING);
            response.getHeaders().put("Connection", "close");
            unavailable(response, callback, "the server is stopping");
        }
    }

    private static void unavailable(Response response, Callback callback, String message) {
        Replies.error(response, callback, 503, "unavailable", message, Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
