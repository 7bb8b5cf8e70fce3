package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.OrderHistoryQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The table {@code serve} answers from now. Each request takes {@link #current()} once and finishes on that table,
 * so a move never fails a request: requests in flight finish on the old table, later ones go to the new one. A
 * {@link TableWatch} moves it; a new table is taken only once it answers a {@code DescribeTable}. When the watch
 * cannot tell the target (the catalog cannot be read, the alias is broken) or the new table does not answer, the
 * current table keeps serving, and the failure is logged, counted and shown by {@code GET /health}.
 */
final class ServedTable implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServedTable.class);

    /** The last failed look, for {@code GET /health}. */
    record Failure(Instant at, String message) {
    }

    private final AtomicReference<OrderHistoryQuery> current;
    private final UnaryOperator<OrderHistoryQuery> observe;
    private final Runnable onSwitch;
    private final Runnable onError;
    private final AtomicReference<Optional<Failure>> lastFailure = new AtomicReference<>(Optional.empty());
    private volatile ScheduledExecutorService watcher;

    /**
     * @param observe  what to do with every query before it serves (metrics)
     * @param onSwitch called at every move (metrics)
     * @param onError  called at every failed look (metrics)
     */
    ServedTable(OrderHistoryQuery initial, UnaryOperator<OrderHistoryQuery> observe, Runnable onSwitch,
                Runnable onError) {
        this.observe = Objects.requireNonNull(observe, "observe");
        this.current = new AtomicReference<>(observe.apply(Objects.requireNonNull(initial, "initial")));
        this.onSwitch = Objects.requireNonNull(onSwitch, "onSwitch");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    OrderHistoryQuery current() {
        return current.get();
    }

    /** Whether a watch follows the alias (no: {@code --table} pinned the table). */
    boolean following() {
        return watcher != null;
    }

    Optional<Failure> lastFailure() {
        return lastFailure.get();
    }

    /** Looks every {@code watch.every()} from now on, on a daemon thread of its own. */
    synchronized void follow(TableWatch watch) {
        if (watcher != null) {
            throw new IllegalStateException("already following");
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reproject-serve-alias");
            thread.setDaemon(true);
            return thread;
        });
        long millis = watch.every().toMillis();
        executor.scheduleWithFixedDelay(() -> look(watch), millis, Math.max(1, millis), TimeUnit.MILLISECONDS);
        watcher = executor;
    }

    /** One look: moves to the watch's target if it changed and answers. Never throws. */
    void look(TableWatch watch) {
        try {
            String target = watch.target().get();
            OrderHistoryQuery now = current.get();
            if (!target.equals(now.table())) {
                OrderHistoryQuery next = now.withTable(target);
                next.describeTable(); // a table that does not answer never serves
                current.set(observe.apply(next));
                onSwitch.run();
                log.info("Serving table {} (was {}): the view's alias moved", target, now.table());
            }
            lastFailure.set(Optional.empty());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            lastFailure.set(Optional.of(new Failure(Instant.now(), message)));
            onError.run();
            log.warn("Reading the view's alias failed; still serving table {}: {}", current.get().table(), message);
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
