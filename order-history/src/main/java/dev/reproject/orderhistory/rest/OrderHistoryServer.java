package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.OrderHistoryQuery;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code serve}'s HTTP server: Jetty 12's core handlers, without servlets or a web framework, because they give
 * what an exposed service needs for a few lines each (README "query and serve" says why not Javalin or the JDK's
 * server):
 * <ul>
 *   <li><b>slow clients hold no thread:</b> Jetty reads requests and writes answers without blocking, and calls the
 *       endpoints only once a request has arrived whole; a connection idle for {@code idleTimeout} is closed, and
 *       at most {@code maxConnections} are open;</li>
 *   <li><b>a bounded queue:</b> {@link ConcurrencyLimit} lets {@code threads} requests work out their answers at
 *       once, queues {@code queue} more (holding no thread) for up to {@code queueTimeout}, and answers the rest 503
 *       at once; a place is held only while the answer is worked out, not while a slow client reads it;</li>
 *   <li><b>graceful stop:</b> a {@code GracefulHandler} and the server's stop timeout: {@link #close()} stops
 *       accepting, lets requests in flight finish for up to {@code stopTimeout}, answers new ones on open
 *       connections 503, then stops;</li>
 *   <li><b>an access log</b> through SLF4J ({@link AccessLog}) and <b>metrics</b> ({@link ServeMetrics}) on
 *       {@code GET /metrics}, with {@code GET /health} ({@link TableHealth}); these two bypass the queue, so
 *       they answer under load.</li>
 *   <li><b>the table follows the view's alias</b> when a {@link TableWatch} is given ({@link ServedTable}): a
 *       promote or rollback moves it within one watch interval, with no failed request; every answer names its
 *       table in {@code X-Reproject-Table}.</li>
 * </ul>
 * Closing again does nothing.
 */
public final class OrderHistoryServer implements AutoCloseable {

    /** Pool threads beyond {@code threads}: Jetty's acceptor and selector, /health, /metrics, rejections. */
    static final int SPARE_THREADS = 8;

    private final Server server;
    private final ServerConnector connector;
    private final ServeMetrics metrics;
    private final ConcurrencyLimit limit;
    private final Overload.Stopping stopping;
    private final ServedTable served;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OrderHistoryServer(Server server, ServerConnector connector, ServeMetrics metrics, ConcurrencyLimit limit,
                               Overload.Stopping stopping, ServedTable served) {
        this.served = served;
        this.server = server;
        this.connector = connector;
        this.metrics = metrics;
        this.limit = limit;
        this.stopping = stopping;
    }

    /**
     * Starts serving {@code query} on {@code address} (port 0: any free port) with the default settings but
     * {@code threads}.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static OrderHistoryServer start(InetSocketAddress address, OrderHistoryQuery query, int threads)
            throws IOException {
        return start(ServerSettings.defaults(address).withThreads(threads), query);
    }

    /**
     * Starts serving {@code query} as {@code settings} say.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static OrderHistoryServer start(ServerSettings settings, OrderHistoryQuery query) throws IOException {
        return start(settings, query, Optional.empty(), new AccessLog());
    }

    /**
     * Starts serving {@code query}'s table as {@code settings} say, moving to the table {@code watch} names whenever
     * it changes ({@link ServedTable}).
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static OrderHistoryServer start(ServerSettings settings, OrderHistoryQuery query, TableWatch watch)
            throws IOException {
        return start(settings, query, Optional.of(watch), new AccessLog());
    }

    static OrderHistoryServer start(ServerSettings settings, OrderHistoryQuery query, AccessLog accessLog)
            throws IOException {
        return start(settings, query, Optional.empty(), accessLog);
    }

    /** @param accessLog where the access log's lines go (tests collect them) */
    static OrderHistoryServer start(ServerSettings settings, OrderHistoryQuery query, Optional<TableWatch> watch,
                                    AccessLog accessLog)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(query, "query");
        ServeMetrics metrics = new ServeMetrics();
        QueuedThreadPool pool = new QueuedThreadPool(settings.threads() + SPARE_THREADS, 2);
        pool.setName("order-history-http");
        pool.setDaemon(true);
        pool.setReservedThreads(0); // every thread is the pool's: its size is then what it says
        Server server = new Server(pool);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // order ids are path segments: an encoded '/' (%2F) or an empty segment is an id or a 404, not a refusal
        http.setUriCompliance(UriCompliance.DEFAULT.with("order ids", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.address().getHostString());
        connector.setPort(settings.address().getPort());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        server.addConnector(connector);
        NetworkConnectionLimit connections = new NetworkConnectionLimit(settings.maxConnections(), connector);
        server.addBean(connections);

        ServedTable served = new ServedTable(query, metrics::observe,
                metrics.counter("reproject.serve.table.switches",
                        "Moves to another table, following the alias")::increment,
                metrics.counter("reproject.serve.alias.errors", "Failed reads of the view's alias (or of the table it "
                        + "names): the table served before kept serving")::increment);
        TableHealth health = new TableHealth(() -> served.current().describeTable(), settings.healthCache(),
                System::nanoTime);
        ConcurrencyLimit limit = new ConcurrencyLimit(settings.threads(), settings.queue(), settings.queueTimeout(),
                metrics);
        HttpEndpoints endpoints = new HttpEndpoints(new OrdersHandler(served::current), limit, metrics, health,
                served);
        Overload.Stopping stopping = new Overload.Stopping(metrics, endpoints);
        server.setHandler(new ObservedHandler(metrics, stopping));
        server.setErrorHandler(new JsonErrors());
        server.setRequestLog(Objects.requireNonNull(accessLog, "accessLog"));
        server.setStopTimeout(settings.stopTimeout().toMillis());
        server.setStopAtShutdown(false); // serve stops it on SIGTERM itself, once

        metrics.gauge("reproject.serve.requests.queued", "Requests waiting for one of --threads",
                limit::queued);
        metrics.gauge("reproject.serve.threads.busy", "HTTP pool threads at work", pool::getBusyThreads);
        metrics.gauge("reproject.serve.threads.max", "HTTP pool size (--threads plus spare)", pool::getMaxThreads);
        metrics.gauge("reproject.serve.connections", "Open HTTP connections", connections::getNetworkConnectionCount);
        metrics.gauge("reproject.serve.requests.limit", "--threads: requests run at once",
                limit::threads);
        metrics.gauge("reproject.serve.queue.limit", "--queue: requests that may wait",
                limit::queueLimit);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server, metrics);
            throw e;
        } catch (Exception e) {
            stopQuietly(server, metrics);
            throw new IOException(e.getMessage(), e);
        }
        watch.ifPresent(served::follow);
        return new OrderHistoryServer(server, connector, metrics, limit, stopping, served);
    }

    /** The bound address, with the port chosen when 0 was asked for. */
    public InetSocketAddress address() {
        String host = connector.getHost() == null ? "0.0.0.0" : connector.getHost();
        return new InetSocketAddress(host, connector.getLocalPort());
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI uri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /** The table answering now. */
    public String table() {
        return served.current().table();
    }

    /** Requests waiting in the queue now (tests wait for it). */
    int queued() {
        return limit.queued();
    }

    /** Whether a stop has begun (tests wait for it). */
    boolean stopping() {
        return stopping.isShutdown();
    }

    /** The Prometheus text of {@code GET /metrics}. */
    String scrape() {
        return metrics.scrape();
    }

    /**
     * Stops accepting, lets requests in flight finish (up to the stop timeout), answers any new request on an open
     * connection 503, and stops.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            served.close();
            stopQuietly(server, metrics);
        }
    }

    private static void stopQuietly(Server server, ServeMetrics metrics) {
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(OrderHistoryServer.class).warn("Stopping the HTTP server: {}",
                    e.toString());
        } finally {
            metrics.close();
        }
    }
}
