package dev.reproject.orderhistory.rest;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outermost handler: counts every request that reaches a handler, the rejected ones included, by route, method
 * and status, timed from its first byte ({@link ServeMetrics#answered}). A request is recorded when its last write
 * begins — before the client can have the answer, so that a scrape made after it always counts it — or, if it
 * ends without one (the connection failed), when it completes.
 */
final class ObservedHandler extends Handler.Wrapper {

    private final ServeMetrics metrics;

    ObservedHandler(ServeMetrics metrics, Handler handler) {
        super(handler);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        metrics.requestStarted();
        Recording recording = new Recording(request, metrics);
        Request.addCompletionListener(request, failure -> {
            recording.record(response.getStatus());
            metrics.requestEnded();
        });
        Response observed = new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback writeCallback) {
                if (last) {
                    recording.record(getStatus());
                }
                super.write(last, content, writeCallback);
            }
        };
        boolean handled = super.handle(request, observed, callback);
        if (!handled) {
            recording.record(404); // Jetty answers a request no handler took with 404
        }
        return handled;
    }

    /** Records a request once. */
    private static final class Recording {

        private final AtomicBoolean done = new AtomicBoolean();
        private final Request request;
        private final ServeMetrics metrics;

        Recording(Request request, ServeMetrics metrics) {
            this.request = request;
            this.metrics = metrics;
        }

        void record(int status) {
            if (done.compareAndSet(false, true)) {
                metrics.answered(Routes.of(request.getHttpURI().getPath()), Routes.method(request.getMethod()),
                        status, System.nanoTime() - request.getBeginNanoTime());
            }
        }
    }
}
