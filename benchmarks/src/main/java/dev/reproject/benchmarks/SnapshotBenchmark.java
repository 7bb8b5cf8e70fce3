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
 * like: for each archive size, a full snapshot, a plain Spark read of the same files (the scan limit), and
 * an incremental snapshot after 5% more events. Prints a Markdown table.
 *
 * <p>Arguments: {@code WORK_DIR [MASTER] [EVENTS…]}, e.g. {@code /tmp/bench local[2] 250000 1000000}.
 */
public final class SnapshotBenchmark {

    /** events per order in the sample archive: created, ~95% authorized or rejected, ~8% cancelled */
    private static final double EVENTS_PER_ORDER = 2.03;

    private SnapshotBenchmark() {
    }

    record Result(long events, double fullSeconds, double readSeconds, long newEvents, double incrementalSeconds,
                  long items) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/reproject-bench");
        String master = args.length > 1 ? args[1] : "local[2]";
        List<Long> sizes = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sizes.add(Long.parseLong(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(250_000L, 1_000_000L);
        }
        SparkSession spark = SparkSessions.create("reproject snapshot benchmark", Optional.of(master),
                S3aSettings.aws("us-east-1"));
        try {
            measure(spark, work.resolve("warm-up"), 50_000); // JIT and Spark's first-job costs, not reported
            List<Result> results = new ArrayList<>();
            for (long events : sizes) {
                results.add(measure(spark, work.resolve("n" + events), events));
            }
            print(master, results);
        } finally {
            spark.stop();
        }
    }

    private static Result measure(SparkSession spark, Path dir, long targetEvents) throws Exception {
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

        long start = System.nanoTime();
        SnapshotManifest full = committed(
                job.run(new SnapshotRequest(archive.toString(), "order-history", true, false)));
        double fullSeconds = BenchSupport.seconds(start);

        start = System.nanoTime();
        spark.read().text(archive.resolve("topics").toString() + "/*/*/*.json").agg(sum(length(col("value")))).first();
        double readSeconds = BenchSupport.seconds(start);

        GenerationReport more = OrderArchiveGenerator.generate(new LocalArchiveStore(archive.toString()),
                GeneratorOptions.builder().orders(Math.round(orders * 0.05)).append(true).build());
        start = System.nanoTime();
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

    private static void print(String master, List<Result> results) {
        System.out.printf(
                "| events | full snapshot | events/s | plain read | full ÷ read | +5%% events | incremental | incremental ÷ full |%n");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %,d | %.1f s | %,.0f | %.1f s | %.1f | %,d | %.1f s | %.2f |%n", r.events(),
                    r.fullSeconds(), r.events() / r.fullSeconds(), r.readSeconds(), r.fullSeconds() / r.readSeconds(),
                    r.newEvents(), r.incrementalSeconds(), r.incrementalSeconds() / r.fullSeconds());
        }
        System.out.println("(" + master + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)");
    }
}
