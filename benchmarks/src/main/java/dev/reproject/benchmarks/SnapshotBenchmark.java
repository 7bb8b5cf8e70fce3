package dev.reproject.benchmarks;

import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.SparkSessions;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.sum;

/**
 * The snapshot job's throughput, measured in one JVM and one SparkSession so the ratios compare like with
 * like: for each archive size, a plain Spark read of the files (the scan limit) and a full snapshot, alternated
 * ({@code rounds} times each: read, full, read, full…; the table shows the mean of each), then an incremental
 * snapshot after 5% more events. Each full run's Spark actions (what ran, how long, the time of its stages) go to
 * stderr, to see where the time goes. Prints a Markdown table.
 *
 * <p>Arguments: {@code WORK_DIR [MASTER] [--rounds=N] [--full-only] [EVENTS…]}, e.g.
 * {@code /tmp/bench local[2] 250000 1000000}; {@code --full-only} leaves out the plain reads and the
 * incremental run (the 10-million-event run in a 4 GB heap, {@code bench/snapshot-10m.sh}).
 */
public final class SnapshotBenchmark {

    /** events per order in the sample archive: created, ~95% authorized or rejected, ~8% cancelled */
    private static final double EVENTS_PER_ORDER = 2.03;

    private SnapshotBenchmark() {
    }

    record Result(long events, double fullSeconds, double readSeconds, long newEvents, double incrementalSeconds,
                  long items) {
    }

    private record Options(int rounds, boolean fullOnly) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/reproject-bench");
        String master = args.length > 1 ? args[1] : "local[2]";
        List<Long> sizes = new ArrayList<>();
        int rounds = 1;
        boolean fullOnly = false;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("--rounds=")) {
                rounds = Integer.parseInt(args[i].substring("--rounds=".length()));
            } else if (args[i].equals("--full-only")) {
                fullOnly = true;
            } else {
                sizes.add(Long.parseLong(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(250_000L, 1_000_000L);
        }
        Options options = new Options(rounds, fullOnly);
        String loadAtStart = BenchSupport.loadAverage();
        SparkSession spark = SparkSessions.create("reproject snapshot benchmark", Optional.of(master),
                S3aSettings.aws("us-east-1"));
        SparkTimeline timeline = new SparkTimeline();
        spark.sparkContext().addSparkListener(timeline);
        try {
            // JIT and Spark's first-job costs, not reported
            measure(spark, timeline, work.resolve("warm-up"), 50_000, new Options(1, fullOnly));
            List<Result> results = new ArrayList<>();
            for (long events : sizes) {
                results.add(measure(spark, timeline, work.resolve("n" + events), events, options));
            }
            print(master, results, options, loadAtStart, BenchSupport.loadAverage());
        } finally {
            spark.stop();
        }
    }

    private static Result measure(SparkSession spark, SparkTimeline timeline, Path dir, long targetEvents,
                                  Options options)
            throws Exception {
        BenchSupport.delete(dir);
        Path archive = dir.resolve("archive");
        long orders = Math.round(targetEvents / EVENTS_PER_ORDER);
        GenerationReport base = OrderArchiveGenerator.generate(new LocalArchiveStore(archive.toString()),
                GeneratorOptions.builder().orders(orders).build());
        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                spark.sparkContext().hadoopConfiguration());
        SnapshotJob job = new SnapshotJob(spark, store,
                Leasing.inProcess(Clock.systemUTC()),
                Clock.systemUTC());

        double fullSeconds = 0;
        double readSeconds = 0;
        SnapshotManifest full = null;
        for (int round = 1; round <= options.rounds(); round++) {
            if (!options.fullOnly()) {
                long start = System.nanoTime();
                spark.read().text(archive.resolve("topics").toString() + "/*/*/*.json")
                        .agg(sum(length(col("value")))).first();
                double seconds = BenchSupport.seconds(start);
                readSeconds += seconds / options.rounds();
                System.err.printf("%,d events, round %d: plain read %.1f s%n", base.totalEvents(), round, seconds);
            }
            long startMillis = System.currentTimeMillis();
            long start = System.nanoTime();
            full = committed(job.run(new SnapshotRequest(archive.toString(), "order-history", true, false)));
            double seconds = BenchSupport.seconds(start);
            fullSeconds += seconds / options.rounds();
            System.err.printf("%,d events, round %d: full snapshot %.1f s, %,d items, %,d applied; Spark actions:%n",
                    base.totalEvents(), round, seconds, full.counts().items(), full.counts().applied());
            SparkTimeline.print(timeline.since(startMillis), startMillis);
        }
        if (options.fullOnly()) {
            return new Result(base.totalEvents(), fullSeconds, 0, 0, 0, full.counts().items());
        }

        GenerationReport more = OrderArchiveGenerator.generate(new LocalArchiveStore(archive.toString()),
                GeneratorOptions.builder().orders(Math.round(orders * 0.05)).append(true).build());
        long start = System.nanoTime();
        SnapshotManifest incremental = committed(job.run(
                new SnapshotRequest(archive.toString(), "order-history", false, false)));
        double incrementalSeconds = BenchSupport.seconds(start);
        if (!incremental.parent().equals(Optional.of(full.id()))) {
            throw new IllegalStateException("the incremental run did not continue the full one");
        }
        System.err.printf("%,d events: full %.1f s, read %.1f s, +%,d events incremental %.1f s%n",
                base.totalEvents(), fullSeconds, readSeconds, more.totalEvents(), incrementalSeconds);
        return new Result(base.totalEvents(), fullSeconds, readSeconds, more.totalEvents(), incrementalSeconds,
                incremental.counts().items());
    }

    private static SnapshotManifest committed(SnapshotOutcome outcome) {
        return ((SnapshotOutcome.Committed) outcome).manifest();
    }

    private static void print(String master, List<Result> results, Options options, String loadAtStart,
                              String loadAtEnd) {
        if (options.fullOnly()) {
            System.out.println("| events | full snapshot | events/s | items | old gen peak |");
            System.out.println("|---:|---:|---:|---:|---:|");
            for (Result r : results) {
                System.out.printf("| %,d | %.1f s | %,.0f | %,d | %,d MiB |%n", r.events(), r.fullSeconds(),
                        r.events() / r.fullSeconds(), r.items(), peakHeapMib());
            }
        } else {
            printAll(results);
        }
        System.out.println("(" + master + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, " + options.rounds()
                + " round(s) each, load average " + loadAtStart + " at start, " + loadAtEnd + " at end)");
    }

    /**
     * The old generation's peak use so far: what outlived young collections (the sum of all pools' peaks would
     * overstate, as they peak at different times).
     */
    private static long peakHeapMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old Gen")
                    && pool.getPeakUsage() != null) {
                peak = Math.max(peak, pool.getPeakUsage().getUsed());
            }
        }
        return peak >> 20;
    }

    private static void printAll(List<Result> results) {
        System.out.printf(
                "| events | full snapshot | events/s | plain read | full ÷ read | +5%% events | incremental | incremental ÷ full |%n");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %,d | %.1f s | %,.0f | %.1f s | %.1f | %,d | %.1f s | %.2f |%n", r.events(),
                    r.fullSeconds(), r.events() / r.fullSeconds(), r.readSeconds(), r.fullSeconds() / r.readSeconds(),
                    r.newEvents(), r.incrementalSeconds(), r.incrementalSeconds() / r.fullSeconds());
        }
    }
}
