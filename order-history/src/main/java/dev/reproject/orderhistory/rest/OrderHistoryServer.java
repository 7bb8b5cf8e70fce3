package dev.reproject.orderhistory.rest;

import com.sun.net.httpserver.HttpServer;
import dev.reproject.orderhistory.query.OrderHistoryQuery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Order History REST endpoints ({@link OrdersHandler}) on the JDK's own HTTP server: no web framework for two
 * read-only GETs. Requests run on a fixed pool of daemon threads; {@link #close()} stops accepting, lets requests
 * in flight finish for up to a second, and stops the pool; closing again does nothing.
 */
public final class OrderHistoryServer implements AutoCloseable {

    private static final long DRAIN_MILLIS = 1000;

    private final HttpServer server;
    private final OrdersHandler handler;
    private final ExecutorService workers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OrderHistoryServer(HttpServer server, OrdersHandler handler, ExecutorService workers) {
        this.server = server;
        this.handler = handler;
        this.workers = workers;
    }

    /**
     * Starts serving {@code query} on {@code address} (port 0: any free port).
     *
     * @param threads requests answered at once
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static OrderHistoryServer start(InetSocketAddress address, OrderHistoryQuery query, int threads)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService workers = Executors.newFixedThreadPool(threads, daemonThreads());
        server.setExecutor(workers);
        OrdersHandler handler = new OrdersHandler(query);
        server.createContext("/", handler);
        server.start();
        return new OrderHistoryServer(server, handler, workers);
    }

    /** The bound address, with the port chosen when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI uri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // HttpServer.stop(delay) waits the whole delay on Java 17 even when idle: wait for requests ourselves
        long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        try {
            while (handler.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "order-history-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
