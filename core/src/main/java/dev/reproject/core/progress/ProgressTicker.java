package dev.reproject.core.progress;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A progress line at a steady interval, for where there is no terminal and so no progress bar (EMR, Airflow, CI):
 * every {@code every}, {@code line} is asked for the line and {@code out} prints it, on a daemon thread, until
 * closed. A line that fails to be made is skipped, never the work's failure.
 */
public final class ProgressTicker implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private ProgressTicker(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Ticks every {@code every}; {@link Duration#ZERO} (progress off) gives a ticker that prints nothing. */
    public static ProgressTicker start(Duration every, Supplier<String> line, Consumer<String> out) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(out, "out");
        if (every.isZero()) {
            return new ProgressTicker(null);
        }
        if (every.isNegative()) {
            throw new IllegalArgumentException("a progress interval is 0 (off) or more, was " + every);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reproject-progress");
            thread.setDaemon(true);
            return thread;
        });
        long millis = every.toMillis();
        timer.scheduleAtFixedRate(() -> {
            try {
                out.accept(line.get());
            } catch (RuntimeException e) {
                // a progress line is a courtesy: the next tick tries again
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new ProgressTicker(timer);
    }

    /** Stops ticking; a line being printed is let finish. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** {@code 1 h 2 min}, {@code 3 min 4 s}, {@code 5 s}: for progress lines. */
    public static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
