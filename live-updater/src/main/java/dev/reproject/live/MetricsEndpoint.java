package dev.reproject.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A live process's scrape endpoint ({@code --metrics-port}): {@code GET /metrics} in Prometheus's text format and
 * {@code GET /health} (200 when healthy, else 503, with a JSON body saying why; {@link LiveHealth}). The JDK's own
 * HTTP server on one daemon thread: two small GETs a scraper makes every few seconds need no more.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsEndpoint(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Serves {@code registry} and {@code health} on {@code address} (port 0: any free port).
     *
     * @throws IOException when the address cannot be bound
     */
    public static MetricsEndpoint start(InetSocketAddress address, PrometheusMeterRegistry registry,
                                        Supplier<LiveHealth> health)
            throws IOException {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(health, "health");
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "reproject-live-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/metrics", exchange -> answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/health", exchange -> {
            LiveHealth now = health.get();
            answer(exchange, now.healthy() ? 200 : 503, "application/json",
                    JSON.writeValueAsString(now.toJsonMap()));
        });
        server.createContext("/", exchange -> answer(exchange, 404, "text/plain; charset=utf-8",
                "not found: GET /metrics or /health\n"));
        server.start();
        return new MetricsEndpoint(server, thread);
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            boolean get = "GET".equals(exchange.getRequestMethod());
            byte[] bytes = (get ? body : "only GET\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", get ? type : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(get ? status : 405, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
