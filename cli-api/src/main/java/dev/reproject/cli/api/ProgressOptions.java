package dev.reproject.cli.api;

import dev.reproject.core.archive.CountingArchiveStore;
import dev.reproject.core.progress.ProgressTicker;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code --progress-every S} ({@code @Mixin}): a progress line on standard error every S seconds for long work
 * where there is no progress bar (EMR, Airflow, CI). Spark jobs on a terminal keep Spark's own bar instead.
 */
public class ProgressOptions {

    @Option(names = "--progress-every", paramLabel = "S", description = "A progress line on standard error every S "
            + "seconds, 0 for none (default: ${DEFAULT-VALUE}; a Spark job on a terminal shows Spark's bar instead).",
            defaultValue = "30")
    long everySeconds;

    /** Lines from {@code line} on {@code err} every {@code --progress-every}, until closed. */
    public ProgressTicker start(PrintWriter err, Supplier<String> line) {
        if (everySeconds < 0) {
            throw new IllegalArgumentException(
                    "--progress-every must be 0 (none) or more seconds, was " + everySeconds);
        }
        return ProgressTicker.start(Duration.ofSeconds(everySeconds), line, text -> {
            err.println(text);
            err.flush();
        });
    }

    /** {@code reproject <command>: N files (B bytes) written (elapsed)} lines for work that writes an archive. */
    public ProgressTicker startWriting(PrintWriter err, String command, CountingArchiveStore store) {
        Instant started = Instant.now();
        return start(err, () -> String.format(Locale.ROOT, "reproject %s: %,d files (%,d bytes) written (%s)", command,
                store.filesWritten(), store.bytesWritten(),
                ProgressTicker.human(Duration.between(started, Instant.now()))));
    }

    /** Whether lines are asked for at all ({@code --progress-every} above 0). */
    public boolean on() {
        return everySeconds > 0;
    }
}
