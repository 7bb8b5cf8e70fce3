package dev.reproject.benchmarks;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.Views;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.rebuild.DynamoTarget;
import dev.reproject.rebuild.RebuildJob;
import dev.reproject.rebuild.RebuildRequest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.SparkSessions;
import dev.reproject.spark.fold.FoldRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rebuild job's load rate against the simplest loader of the same items ({@link PlainLoader}: the same
 * snapshot rows, the same number of Spark tasks, BatchWriteItem of 25), in one JVM, one SparkSession and one
 * dynalite, in rounds of rebuild, plain / plain, rebuild so that drift in a shared machine's load hits both alike.
 * Every load goes into a fresh table created with the view's schema (GSIs included) and deleted afterwards. The
 * DynamoDB calls are counted by table and operation ({@link DynamoCalls}); Spark's actions say where the time went
 * ({@link SparkTimeline}). Prints Markdown tables; details go to stderr.
 *
 * <p>Arguments: {@code WORK_DIR [MASTER] [ORDERS…]}, e.g. {@code /tmp/bench local[2] 20000 80000}. Archive and
 * snapshots are local directories under WORK_DIR, not S3.
 */
public final class RebuildBenchmark {

    private static final String VIEW = "order-history";
    /**
     * Rounds per size (system property {@code bench.rounds}, default 4); odd rounds run the loads in one order, even
     * ones in the reverse order (ABBA: drift cancels).
     */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);

    private RebuildBenchmark() {
    }

    /** One load into one table: the rebuild job or the plain loader. */
    record Load(String kind, int round, double seconds, long items, double beforeFirstWrite, double writing,
                double inCallsPerWriter, DynamoCalls.Counts calls, Map<String, Long> catalogCalls) {
    }

    record Result(long orders, long items, double snapshotSeconds, List<Load> loads) {
        double meanSeconds(String kind) {
            return loads.stream().filter(l -> l.kind().equals(kind)).mapToDouble(Load::seconds).average().orElseThrow();
        }

        /** From the first item write to the last, mean of the rounds. */
        double meanWriting(String kind) {
            return loads.stream().filter(l -> l.kind().equals(kind)).mapToDouble(Load::writing).average().orElseThrow();
        }

        List<Load> of(String kind) {
            return loads.stream().filter(l -> l.kind().equals(kind)).toList();
        }
    }

    /** What every measurement shares: Spark, the servers, the catalog. */
    private record Bench(SparkSession spark, SparkTimeline timeline, URI endpoint, LocalServers servers,
                         DynamoDbClient admin, DynamoCatalog catalog) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/reproject-rebuild-bench").toAbsolutePath();
        String master = args.length > 1 ? args[1] : "local[2]";
        List<Long> sizes = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sizes.add(Long.parseLong(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(20_000L, 80_000L);
        }
        String loadAtStart = BenchSupport.loadAverage();
        DynamoCalls.enable();
        SparkSession spark = SparkSessions.create("reproject rebuild benchmark", Optional.of(master),
                S3aSettings.aws("us-east-1"));
        try (LocalServers servers = LocalServers.create(work.resolve("servers"))) {
            URI endpoint = servers.dynamoDbEndpoint();
            AwsSettings dynamo = new AwsSettings(Optional.of(endpoint), Optional.empty(), servers.region())
                    .withStaticCredentials(servers.credentials().accessKeyId(),
                            servers.credentials().secretAccessKey());
            SparkTimeline timeline = new SparkTimeline();
            spark.sparkContext().addSparkListener(timeline);
            try (DynamoDbClient admin = AwsClients.dynamoDb(dynamo)) {
                Bench bench = new Bench(spark, timeline, endpoint, servers, admin,
                        new DynamoCatalog(admin, DynamoCatalog.DEFAULT_TABLE, Clock.systemUTC()));
                measure(bench, work.resolve("warm-up"), 2_000, 1); // JIT, Spark's and dynalite's first calls
                List<Result> results = new ArrayList<>();
                for (long orders : sizes) {
                    results.add(measure(bench, work.resolve("n" + orders), orders, ROUNDS));
                }
                print(master, spark.sparkContext().defaultParallelism(), results, loadAtStart,
                        BenchSupport.loadAverage());
            }
        } finally {
            spark.stop();
        }
    }

    private static Result measure(Bench bench, Path dir, long orders, int rounds) throws Exception {
        BenchSupport.delete(dir);
        String archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(orders).build());
        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                bench.spark().sparkContext().hadoopConfiguration());
        Leasing leasing = new Leasing(bench.catalog().leases(), Clock.systemUTC());
        long start = System.nanoTime();
        SnapshotManifest snapshot = ((SnapshotOutcome.Committed) new SnapshotJob(bench.spark(), store,
                leasing, Clock.systemUTC())
                .run(new SnapshotRequest(archive, VIEW, true, false))).manifest();
        double snapshotSeconds = BenchSupport.seconds(start);
        long items = snapshot.counts().items();
        String rows = store.directory(VIEW, snapshot.id()) + "/" + snapshot.data();
        int writers = bench.spark().sparkContext().defaultParallelism();
        RebuildJob job = new RebuildJob(bench.spark(), store, bench.catalog(), leasing, Clock.systemUTC());

        List<Load> loads = new ArrayList<>();
        List<String> kinds = kinds(writers);
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(kinds);
            if (round % 2 == 0) {
                Collections.reverse(order); // ABBA: drift in the machine's load hits every loader alike
            }
            for (String kind : order) {
                int total = writersOf(kind);
                Loader loader = kind.startsWith("rebuild")
                        ? target -> job.run(new RebuildRequest(archive, VIEW, Optional.of(snapshot.id()),
                                target.withWritersPerTask(total / writers), false)).writes().itemsWritten()
                        : target -> PlainLoader.load(bench.spark().read().schema(FoldRows.SNAPSHOT_SCHEMA)
                                .parquet(rows), writers, total / writers, target);
                loads.add(load(bench, kind, round, orders, items, loader));
            }
        }
        Result result = new Result(orders, items, snapshotSeconds, loads);
        System.err.printf("%,d orders, %,d items: snapshot %.1f s, %s%n", orders, items, snapshotSeconds,
                kinds.stream().map(k -> String.format("%s %.1f s", k, result.meanSeconds(k)))
                        .collect(Collectors.joining(", ")));
        return result;
    }

    /**
     * The loads compared, {@code rebuild×N} or {@code plain×N} with N concurrent writers in all (Spark's tasks × the
     * writers per task): from the system property {@code bench.loads} (e.g. {@code rebuild×4,plain×2,plain×4}), else
     * the rebuild as configured by default and the plain loader with 4, 8 and 16 writers.
     */
    private static List<String> kinds(int tasks) {
        String loads = System.getProperty("bench.loads", "rebuild×" + tasks * DynamoTarget.DEFAULT_WRITERS_PER_TASK
                + ",plain×4,plain×8,plain×16");
        List<String> kinds = List.of(loads.replace('x', '×').split(","));
        for (String kind : kinds) {
            int writers = writersOf(kind);
            if (!(kind.startsWith("rebuild×") || kind.startsWith("plain×")) || writers % tasks != 0) {
                throw new IllegalArgumentException("a load is rebuild×N or plain×N, N a multiple of the " + tasks
                        + " tasks; found " + kind);
            }
        }
        return kinds;
    }

    private static int writersOf(String kind) {
        return Integer.parseInt(kind.substring(kind.indexOf('×') + 1));
    }

    /** A loader that writes into the target's table and says how many items it wrote. */
    private interface Loader {
        long run(DynamoTarget target) throws Exception;
    }

    private static Load load(Bench bench, String kind, int round, long orders, long items, Loader loader)
            throws Exception {
        String table = "bench-" + orders + "-" + kind.replace('×', '-') + "-" + round;
        // both tables alike: on demand, the view's keys and GSIs, empty; creating them is not timed
        BenchSupport.createTable(bench.admin(), table, Views.byName(VIEW).table());
        DynamoTarget target = new DynamoTarget(
                new DynamoConnection(bench.endpoint().toString(), bench.servers().region(),
                        bench.servers().credentials().accessKeyId(), bench.servers().credentials().secretAccessKey()),
                table, VIEW, WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
        DynamoCalls.Tally tally = DynamoCalls.reset(table);
        DynamoCalls.Tally catalog = DynamoCalls.reset(bench.catalog().tableName());
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        long written = loader.run(target);
        long end = System.nanoTime();
        DynamoCalls.Counts calls = tally.counts();
        List<SparkTimeline.Execution> executions = bench.timeline().since(startMillis);
        bench.admin().deleteTable(b -> b.tableName(table));
        if (written != items || calls.itemsWritten() != items) {
            throw new IllegalStateException(kind + " wrote " + written + " items (" + calls.itemsWritten()
                    + " counted), the snapshot has " + items);
        }
        Load load = new Load(kind, round, (end - start) / 1e9, items, (tally.firstWriteNanos() - start) / 1e9,
                (tally.lastWriteNanos() - tally.firstWriteNanos()) / 1e9,
                tally.secondsInCalls() / Math.max(1, tally.writerCount()), calls,
                catalog.counts().driverCalls());
        System.err.printf("  %s #%d: %.1f s (first write after %.1f s, writing %.1f s); task calls %s (%d HTTP "
                + "requests, %d puts sent), driver calls %s, catalog calls %s%n", kind, round, load.seconds(),
                load.beforeFirstWrite(), load.writing(), calls.taskCalls(), calls.writeAttempts(), calls.putsSent(),
                calls.driverCalls(), load.catalogCalls());
        System.err.printf("    writer tasks: %s%n", tally.writers(start));
        SparkTimeline.print(executions, startMillis);
        return load;
    }

    private static void print(String master, int writers, List<Result> results, String loadAtStart,
                              String loadAtEnd) {
        List<String> kinds = results.get(0).loads().stream().map(Load::kind).distinct().sorted().toList();
        String rebuild = kinds.stream().filter(k -> k.startsWith("rebuild")).findFirst().orElseThrow();
        List<String> plains = kinds.stream().filter(k -> k.startsWith("plain")).toList();
        System.out.println("| orders | items | " + String.join(" | ", kinds) + " | best plain | rebuild ÷ best "
                + "| writing: rebuild ÷ best | BatchWriteItem calls | calls per item | item writes per item "
                + "| reads in load | table checks | catalog |");
        System.out.println("|---:|---:|" + "---:|".repeat(kinds.size()) + "---|---:|---:|---:|---:|---:|---:|---|---|");
        for (Result r : results) {
            double rebuildSeconds = r.meanSeconds(rebuild);
            String best = plains.stream().min(Comparator.comparingDouble(r::meanSeconds)).orElseThrow();
            String bestWriting = plains.stream().min(Comparator.comparingDouble(k -> r.meanWriting(k))).orElseThrow();
            Load first = r.of(rebuild).get(0);
            DynamoCalls.Counts calls = first.calls();
            long writeCalls = calls.taskCalls("BatchWriteItem");
            System.out.printf(
                    "| %,d | %,d | %s | %s | %.2f | %.2f (%s) | %,d | %.4f (1/%.1f) | %.3f | %d | %s | %s |%n",
                    r.orders(), r.items(),
                    kinds.stream().map(k -> String.format("%.1f s", r.meanSeconds(k)))
                            .collect(Collectors.joining(" | ")),
                    best, r.meanSeconds(best) / rebuildSeconds, r.meanWriting(bestWriting) / r.meanWriting(rebuild),
                    bestWriting, writeCalls, (double) writeCalls / r.items(), (double) r.items() / writeCalls,
                    (double) calls.itemsWritten() / r.items(), calls.taskReads(), operations(calls.driverCalls()),
                    operations(first.catalogCalls()));
        }
        System.out.println();
        System.out.println("| orders | load | round | total | first write after | writing | after last write "
                + "| items/s while writing | in BatchWriteItem calls (per writer) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            for (Load l : r.loads()) {
                System.out.printf("| %,d | %s | %d | %.1f s | %.1f s | %.1f s | %.1f s | %,.0f | %.1f s |%n",
                        r.orders(), l.kind(), l.round(), l.seconds(), l.beforeFirstWrite(), l.writing(),
                        l.seconds() - l.beforeFirstWrite() - l.writing(), l.items() / l.writing(),
                        l.inCallsPerWriter());
            }
        }
        System.out
                .println("(" + master + ", " + writers + " writer tasks, " + Runtime.getRuntime().availableProcessors()
                        + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; load average "
                        + loadAtStart + " at start, " + loadAtEnd + " at end)");
    }

    /** {@code {DescribeTable=2, Scan=1}} as {@code DescribeTable 2, Scan 1}. */
    private static String operations(Map<String, Long> calls) {
        return calls.isEmpty() ? "none" : calls.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
