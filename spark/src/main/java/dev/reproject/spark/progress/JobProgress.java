package dev.reproject.spark.progress;

import dev.reproject.cli.api.ProgressOptions;
import dev.reproject.core.progress.ProgressTicker;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * A Spark job's progress lines ({@code --progress-every}): from live {@link JobCounters}, unless the session
 * shows Spark's own progress bar (a terminal, {@code spark.ui.showConsoleProgress}).
 */
public final class JobProgress implements AutoCloseable {

    private final JobCounters counters;
    private final ProgressTicker ticker;

    private JobProgress(JobCounters counters, ProgressTicker ticker) {
        this.counters = counters;
        this.ticker = ticker;
    }

    /** Lines made by {@code line} from the session's counters, on {@code err}; nothing when Spark shows its bar. */
    public static JobProgress start(SparkSession spark, ProgressOptions options, PrintWriter err,
                                    Function<JobCounters, String> line) {
        boolean sparkBar = Boolean.parseBoolean(spark.conf().get("spark.ui.showConsoleProgress", "false"));
        if (sparkBar || !options.on()) {
            return new JobProgress(null, null);
        }
        JobCounters counters = JobCounters.attach(spark);
        return new JobProgress(counters, options.start(err, () -> line.apply(counters)));
    }

    /** {@code reproject snapshot: 12 files, 1,234 records read (5 s)}: what both jobs say while they read. */
    public static Function<JobCounters, String> reading(String command, Clock clock) {
        Instant started = clock.instant();
        return counters -> String.format(Locale.ROOT, "reproject %s: %,d files, %,d records read (%s)", command,
                counters.value(JobCounters.FILES_READ), counters.value(JobCounters.RECORDS_READ),
                ProgressTicker.human(Duration.between(started, clock.instant())));
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.close();
            counters.close();
        }
    }
}
