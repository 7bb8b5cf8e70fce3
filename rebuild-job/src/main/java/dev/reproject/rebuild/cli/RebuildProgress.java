package dev.reproject.rebuild.cli;

import dev.reproject.core.progress.ProgressTicker;
import dev.reproject.spark.progress.JobCounters;
import dev.reproject.spark.progress.JobProgress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * The rebuild's progress lines: while it reads, files and records; once it writes, {@code 12,000 of 20,000 items
 * written (1,000 items/s, 3 retries), about 8 s left (1 min 5 s)}: the rate since the writes began (the counts
 * arrive with the executors' heartbeats, so a rate over one interval would jump between 0 and bursts).
 */
final class RebuildProgress implements Function<JobCounters, String> {

    private final Clock clock;
    private final Instant started;
    private final Function<JobCounters, String> reading;
    private Instant writesBegan;

    RebuildProgress(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        this.reading = JobProgress.reading("rebuild", clock);
    }

    @Override
    public synchronized String apply(JobCounters counters) {
        long total = counters.value(JobCounters.ITEMS_TO_WRITE);
        long written = counters.value(JobCounters.ITEMS_WRITTEN);
        if (total == 0 && written == 0) {
            return reading.apply(counters);
        }
        Instant now = clock.instant();
        if (writesBegan == null) {
            writesBegan = now;
        }
        double seconds = Duration.between(writesBegan, now).toMillis() / 1000.0;
        double rate = seconds <= 0 ? 0 : written / seconds;
        String left = rate <= 0 || total <= written ? ""
                : ", about " + ProgressTicker.human(Duration.ofSeconds(Math.round((total - written) / rate))) + " left";
        return String.format(Locale.ROOT, "reproject rebuild: %,d of %,d items written (%,.0f items/s, %,d retries)%s"
                + " (%s)", written, total, rate, counters.value(JobCounters.WRITE_RETRIES), left,
                ProgressTicker.human(Duration.between(started, now)));
    }
}
