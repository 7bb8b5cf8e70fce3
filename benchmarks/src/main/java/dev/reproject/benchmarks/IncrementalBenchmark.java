package dev.reproject.benchmarks;

import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.snapshot.CompactionPolicy;
import dev.reproject.core.snapshot.SnapshotLayer;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.SparkSessions;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.sum;

/**
 * Incremental snapshots against full ones (issue 15 item 3, {@code bench/incremental.sh}), in one JVM and one
 * SparkSession: for each archive size, a full snapshot, then, each after its own append, an incremental run with a
 * fixed absolute delta (a layer), one with 5% of the size more events (a second layer), and one with the same fixed
 * delta forced to compact ({@code --compact}: every row rewritten, as every incremental run did before layers).
 * Prints each run's time, its ratio to the full run, and the rows and bytes it wrote.
 *
 * <p>Arguments: {@code WORK_DIR MASTER DELTA_EVENTS EVENTS…}, e.g. {@code /tmp/bench local[2] 50000 1000000 4000000}.
 */
public final class IncrementalBenchmark {

    /** events per order in the sample archive: created, ~95% authorized or rejected, ~8% cancelled */
    private static final double EVENTS_PER_ORDER = 2.03;
    private static final String VIEW = "order-history";

    private IncrementalBenchmark() {
    }

    record Run(long newEvents, double seconds, long rowsWritten, long bytesWritten, int layers) {
    }

    record Result(long events, long items, Run full, Run delta, double scanSeconds, Run fivePercent, Run compacted) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/reproject-bench-incremental");
        String master = args.length > 1 ? args[1] : "local[2]";
        long delta = args.length > 2 ? Long.parseLong(args[2]) : 50_000;
        List<Long> sizes = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            sizes.add(Long.parseLong(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000_000L, 4_000_000L);
        }
        String loadAtStart = BenchSupport.loadAverage();
        SparkSession spark = SparkSessions.create("reproject incremental snapshot benchmark", Optional.of(master),
                S3aSettings.aws("us-east-1"));
        SparkTimeline timeline = new SparkTimeline();
        spark.sparkContext().addSparkListener(timeline);
        try {
            // JIT and Spark's first-job costs, not reported
            measure(spark, timeline, work.resolve("warm-up"), 50_000, 5_000);
            List<Result> results = new ArrayList<>();
            for (long events : sizes) {
                results.add(measure(spark, timeline, work.resolve("n" + events), events, delta));
            }
            print(master, delta, results, loadAtStart);
        } finally {
            spark.stop();
        }
    }

    private static Result measure(SparkSession spark, SparkTimeline timeline, Path dir, long targetEvents, long delta)
            throws Exception {
        BenchSupport.delete(dir);
        Path archive = dir.resolve("archive");
        GenerationReport base = generate(archive, targetEvents, false);
        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                spark.sparkContext().hadoopConfiguration());
        SnapshotJob job = new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC());

        Run full = snapshot(job, timeline, archive, true, false, base.totalEvents());
        Run layer = snapshot(job, timeline, archive, false, false, generate(archive, delta, true).totalEvents());
        // what a layered run cannot avoid and what grows with the snapshot: one read of its parent's layers
        long start = System.nanoTime();
        SnapshotRows.open(spark, store, store.latest(VIEW).orElseThrow()).all().agg(sum(length(col("item")))).first();
        double scanSeconds = BenchSupport.seconds(start);
        Run fivePercent = snapshot(job, timeline, archive, false, false,
                generate(archive, Math.round(targetEvents * 0.05), true).totalEvents());
        Run compacted = snapshot(job, timeline, archive, false, true, generate(archive, delta, true).totalEvents());
        long items = store.latest(VIEW).orElseThrow().counts().items();
        System.err.printf(Locale.ROOT, "%,d events: full %.1f s; +%,d layered %.1f s; +%,d layered %.1f s; "
                + "+%,d compacted %.1f s%n", base.totalEvents(), full.seconds(), layer.newEvents(), layer.seconds(),
                fivePercent.newEvents(), fivePercent.seconds(), compacted.newEvents(), compacted.seconds());
        return new Result(base.totalEvents(), items, full, layer, scanSeconds, fivePercent, compacted);
    }

    private static GenerationReport generate(Path archive, long events, boolean append) throws Exception {
        return OrderArchiveGenerator.generate(new LocalArchiveStore(archive.toString()),
                GeneratorOptions.builder().orders(Math.round(events / EVENTS_PER_ORDER)).append(append).build());
    }

    private static Run snapshot(SnapshotJob job, SparkTimeline timeline, Path archive, boolean full, boolean compact,
                                long newEvents)
            throws Exception {
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        SnapshotOutcome outcome = job.run(new SnapshotRequest(archive.toString(), VIEW, full, false, false, compact,
                CompactionPolicy.DEFAULT));
        double seconds = BenchSupport.seconds(start);
        // where the run's time went: each Spark action (SQL execution) with its start, length and stage time
        SparkTimeline.print(timeline.since(startMillis), startMillis);
        SnapshotManifest m = ((SnapshotOutcome.Committed) outcome).manifest();
        SnapshotLayer written = m.layers().get(0);
        return new Run(newEvents, seconds, written.rows(), written.bytes(), m.layers().size());
    }

    private static void print(String master, long delta, List<Result> results, String loadAtStart) {
        System.out.println(
                "| events | items | full | +Δ events | layered | ÷ full | rows / MB written | read of its layers "
                        + "| +5 percent events | layered | ÷ full | rows / MB written | +Δ events | compacted (every row) | ÷ full "
                        + "| rows / MB written |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %,d | %,d | %.1f s %s | %s | %.1f s | %s | %s |%n", r.events(), r.items(),
                    r.full().seconds(), written(r.full()), cells(r.delta(), r.full()), r.scanSeconds(),
                    cells(r.fivePercent(), r.full()), cells(r.compacted(), r.full()));
        }
        if (results.size() > 1) {
            Result first = results.get(0);
            Result last = results.get(results.size() - 1);
            System.out.printf(Locale.ROOT, "%nsame absolute delta (Δ = %,d events): layered at %,d events ÷ at %,d "
                    + "= %.2f (full: %.2f)%n", delta, last.events(), first.events(),
                    last.delta().seconds() / first.delta().seconds(), last.full().seconds() / first.full().seconds());
        }
        System.out.println("(" + master + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; load average at start " + loadAtStart
                + ", at end " + BenchSupport.loadAverage() + ")");
    }

    private static String cells(Run run, Run full) {
        return String.format(Locale.ROOT, "%,d | %.1f s | %.3f | %s", run.newEvents(), run.seconds(),
                run.seconds() / full.seconds(), written(run));
    }

    private static String written(Run run) {
        return String.format(Locale.ROOT, "%,d / %.1f (%d layer%s)", run.rowsWritten(), run.bytesWritten() / 1e6,
                run.layers(), run.layers() == 1 ? "" : "s");
    }
}
