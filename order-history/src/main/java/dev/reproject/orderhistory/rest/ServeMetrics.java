package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.OrderHistoryQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What {@code serve} tells {@code GET /metrics} (Prometheus text format; the list is in README "query and serve"):
 * requests by route, method and status with their latency ({@code http_server_requests_seconds}, a histogram),
 * rejections by reason, requests in flight and queued, the HTTP threads and connections, what history requests read
 * from DynamoDB, and the JVM's basics. Routes are templates ({@link Routes}), so series stay few.
 */
final class ServeMetrics implements AutoCloseable {

    static final String REQUESTS = "http.server.requests";
    static final String REJECTED = "reproject.serve.rejected";

    /** Why a request was answered 503 without being run. */
    enum Rejection {
        /** the queue was full */
        QUEUE_FULL("queue-full"),
        /** it waited in the queue longer than --queue-timeout */
        QUEUE_TIMEOUT("queue-timeout"),
        /** the server is stopping */
        STOPPING("stopping");

        final String tag;

        Rejection(String tag) {
            this.tag = tag;
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The timers by route, method and status: few (the tags are bounded), looked up once each. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final DistributionSummary itemsRead;
    private final Counter queries;
    private final Counter partialPages;

    ServeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("reproject.serve.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests received and not yet answered (running or queued)").register(registry);
        for (Rejection rejection : Rejection.values()) {
            rejected(rejection); // every reason shows from the start, at 0
        }
        itemsRead = DistributionSummary.builder("reproject.query.items.read")
                .description("Items DynamoDB evaluated for one history page (before the filter)")
                .baseUnit("items").register(registry);
        queries = Counter.builder("reproject.query.dynamodb.queries")
                .description("DynamoDB Query calls made for history pages").register(registry);
        partialPages = Counter.builder("reproject.query.partial.pages")
                .description("History pages cut short by --max-items-read").register(registry);
    }

    /** Tells these metrics what each history request of {@code query} read. */
    OrderHistoryQuery observe(OrderHistoryQuery query) {
        return query.withReadListener((read, calls, partial) -> {
            itemsRead.record(read);
            queries.increment(calls);
            if (partial) {
                partialPages.increment();
            }
        });
    }

    /** A gauge read when scraped, e.g. the server's busy threads. */
    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A counter, shown at 0 from the start. */
    Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }

    /** One answered request; recorded before its last bytes are sent, so a client that saw them can scrape it. */
    void answered(String route, String method, int status, long nanos) {
        timers.computeIfAbsent(route + ' ' + method + ' ' + status, key -> Timer.builder(REQUESTS)
                .description("HTTP requests by route (a template), method and status")
                .tags("route", route, "method", method, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void rejected(Rejection rejection) {
        Counter.builder(REJECTED).description("Requests answered 503 without being run, by reason")
                .tag("reason", rejection.tag).register(registry);
    }

    void reject(Rejection rejection) {
        Counter.builder(REJECTED).tag("reason", rejection.tag).register(registry).increment();
    }

    /** The Prometheus text exposition (format 0.0.4). */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
