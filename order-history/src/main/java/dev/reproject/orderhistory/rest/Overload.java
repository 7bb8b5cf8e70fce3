package dev.reproject.orderhistory.rest;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

import java.util.Map;
import java.util.Objects;

/**
 * Jetty's graceful stop, answering as the API does (JSON, counted): {@link Stopping} (a {@link GracefulHandler}:
 * once stop begins, requests in flight finish and new ones get 503). The other 503s: {@link ConcurrencyLimit}.
 */
final class Overload {

    static final String RETRY_AFTER_SECONDS = "1";

    private Overload() {
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
