package dev.reproject.benchmarks;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.item.Update;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.live.LiveOptions;
import dev.reproject.live.LiveOutcome;
import dev.reproject.live.LiveRun;
import dev.reproject.live.LiveRuns;
import dev.reproject.live.RecordClassifier;
import dev.reproject.oracle.DynamoValues;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.oracle.ExpectedOrderHistory.Rules;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.orderhistory.view.OrderHistoryRevisionsView;
import dev.reproject.orderhistory.view.OrderHistoryView;
import dev.reproject.rebuild.DynamoTarget;
import dev.reproject.rebuild.RebuildJob;
import dev.reproject.rebuild.RebuildOutcome;
import dev.reproject.rebuild.RebuildRequest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.SparkSessions;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Time to a current view: the same archive and topic, and three ways to a table that holds every event of the
 * topic, in one JVM with the sandbox's dynalite and KRaft broker and one SparkSession ({@code local[2]}).
 * <p>The history: a first generator run of ORDERS orders is archived, and a snapshot of it is taken (not timed: the
 * scheduled snapshot that is there when a view must be rebuilt); then 5% more orders are archived after it, and 2%
 * more reach Kafka only (not archived yet). Every record of all three runs is produced to a fresh topic.
 * <ul>
 *   <li><b>(a) naive replay</b>: every record from offset 0 as one conditional {@code UpdateItem}, classified
 *       beforehand (not timed) and written by a plain pool of threads, one task per key, at its best thread count
 *       (a sweep of 4–64 threads on a fifth of the updates picks it); also <b>replay through {@code live}</b>
 *       from offset 0 (an empty handoff);</li>
 *   <li><b>(b)</b> {@code rebuild} from the ready snapshot plus the archive after it, then {@code live} catching up
 *       from the handoff;</li>
 *   <li><b>(c)</b> {@code snapshot --full} of the whole archive, {@code rebuild} from it, then {@code live}.</li>
 * </ul>
 * Every table must equal {@link ExpectedOrderHistory} of the topic's records (under the view's rules), item by item.
 * REVISIONS 0 is the generator's own density (~2 events per order, view {@code order-history}); REVISIONS 5 gives
 * ~10 ({@code generate --revisions 5}, view {@code order-history-revisions}, which applies every event).
 *
 * <p>Arguments: {@code WORK_DIR ORDERS [REVISIONS…]}, e.g. {@code /tmp/ttv 50000 0 5}.
 */
public final class TimeToViewBenchmark {

    static final int PARTITIONS = 4;
    private static final double ARCHIVED_AFTER_SNAPSHOT = 0.05;
    private static final double NOT_ARCHIVED = 0.02;
    private static final List<Integer> THREADS = List.of(4, 8, 16, 32, 64);
    private static final int SWEEP_SHARE = 5;
    private static final String CATALOG = "ttv-catalog";

    private TimeToViewBenchmark() {
    }

    /** One density's figures, in seconds. */
    record Result(double revisions, String view, long orders, long events, Map<Integer, Double> sweep,
                  int bestThreads, double naive, double liveReplay, double rebuildB, double liveB,
                  double snapshotC, double rebuildC, double liveC, long tailRecords) {

        double b() {
            return rebuildB + liveB;
        }

        double c() {
            return snapshotC + rebuildC + liveC;
        }
    }

    private record Bench(SparkSession spark, LocalServers servers, DynamoDbClient dynamo, DynamoCatalog catalog,
                         Leasing leasing) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/reproject-ttv").toAbsolutePath();
        long orders = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
        List<Double> densities = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            densities.add(Double.parseDouble(args[i]));
        }
        if (densities.isEmpty()) {
            densities = List.of(0.0, 5.0);
        }
        String loadAtStart = BenchSupport.loadAverage();
        System.err.println("load average at start: " + loadAtStart);
        SparkSession spark = SparkSessions.create("reproject time-to-view benchmark", Optional.of("local[2]"),
                S3aSettings.aws("us-east-1"));
        try (LocalServers servers = LocalServers.create(work.resolve("servers"))) {
            servers.kafkaBootstrapServers(); // both servers up before anything is timed
            AwsSettings settings = new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(),
                    servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                            servers.credentials().secretAccessKey());
            try (DynamoDbClient dynamo = AwsClients.dynamoDb(settings)) {
                DynamoCatalog catalog = new DynamoCatalog(dynamo, CATALOG, Clock.systemUTC());
                catalog.createIfMissing();
                Bench bench = new Bench(spark, servers, dynamo, catalog,
                        new Leasing(catalog.leases(), Clock.systemUTC()));
                measure(bench, work.resolve("warm-up"), Math.min(2_000, orders), 0); // JIT, first Spark jobs
                List<Result> results = new ArrayList<>();
                for (double revisions : densities) {
                    results.add(measure(bench, work.resolve("r" + revisions), orders, revisions));
                }
                print(results, loadAtStart, BenchSupport.loadAverage());
            }
        } finally {
            spark.stop();
        }
    }

    private static Result measure(Bench bench, Path dir, long orders, double revisions) throws Exception {
        BenchSupport.delete(dir);
        String view = revisions > 0 ? OrderHistoryRevisionsView.NAME : OrderHistoryView.NAME;
        ViewDefinition definition = Views.byName(view);
        Path archive = dir.resolve("archive");
        Path topic = dir.resolve("topic");
        generate(archive, orders, revisions, false);
        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                bench.spark().sparkContext().hadoopConfiguration());
        SnapshotJob snapshots = new SnapshotJob(bench.spark(), store, bench.leasing(), Clock.systemUTC());
        SnapshotManifest ready = committed(snapshots.run(new SnapshotRequest(archive.toString(), view, true, false)));
        generate(archive, Math.round(orders * ARCHIVED_AFTER_SNAPSHOT), revisions, true);
        copy(archive, topic);
        long tail = generate(topic, Math.round(orders * NOT_ARCHIVED), revisions, true).records();

        LiveBacklog backlog = LiveBacklog.ofArchive(topic, PARTITIONS);
        backlog.produceTo(bench.servers().kafkaBootstrapServers());
        ExpectedOrderHistory expected = ExpectedOrderHistory.ofRecords(backlog.records(),
                revisions > 0 ? Rules.WITH_REVISIONS : Rules.ORDER_HISTORY);
        if (!expected.holes().isEmpty() || !expected.rejected().isEmpty() || expected.skipped() != 0) {
            throw new IllegalStateException("the topic should hold only events the view applies: holes "
                    + expected.holes() + ", rejected " + expected.rejected() + ", skipped " + expected.skipped());
        }
        List<Update> updates = LivePlainLoop.classify(backlog.interleaved(),
                new RecordClassifier(new EventuateDecoder(), definition));
        long archived = backlog.size() - tail;
        System.err.printf("%s, --revisions %s: %,d orders, %,d events (%.2f per order), %,d archived, %,d in the "
                + "ready snapshot (%,d files opened)%n", dir.getFileName(), revisions, expected.items().size(),
                backlog.size(), (double) backlog.size() / expected.items().size(), archived,
                ready.counts().records(), ready.counts().filesOpened());

        String name = "ttv-" + dir.getFileName().toString().replace('.', '-');
        Map<Integer, Double> sweep = new LinkedHashMap<>();
        List<Update> sample = updates.subList(0, updates.size() / SWEEP_SHARE);
        for (int threads : THREADS) {
            String table = name + "-sweep-" + threads;
            BenchSupport.createTable(bench.dynamo(), table, definition.table());
            sweep.put(threads, plain(bench, table, sample, threads));
            bench.dynamo().deleteTable(b -> b.tableName(table));
        }
        int best = sweep.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();

        String naiveTable = name + "-naive";
        BenchSupport.createTable(bench.dynamo(), naiveTable, definition.table());
        double naive = plain(bench, naiveTable, updates, best);
        check(bench, naiveTable, expected);

        String replayTable = name + "-live-replay";
        BenchSupport.createTable(bench.dynamo(), replayTable, definition.table());
        RebuildId replayId = RebuildId.of(replayTable, new SnapshotId("20261130T090000.000Z"));
        bench.catalog().begin(RebuildEntry.loading(replayId, view, "bench", Watermark.empty(), Instant.now()));
        double liveReplay = live(bench, bench.catalog().markLoaded(replayId, Map.of(), Watermark.empty()),
                backlog.size());
        check(bench, replayTable, expected);

        String tableB = name + "-b";
        long start = System.nanoTime();
        RebuildOutcome rebuiltB = rebuild(bench, store, archive, view, ready.id(), tableB);
        double rebuildB = BenchSupport.seconds(start);
        double liveB = live(bench, rebuiltB.entry(), tail);
        check(bench, tableB, expected);

        String tableC = name + "-c";
        start = System.nanoTime();
        SnapshotManifest full = committed(snapshots.run(new SnapshotRequest(archive.toString(), view, true, false)));
        double snapshotC = BenchSupport.seconds(start);
        start = System.nanoTime();
        RebuildOutcome rebuiltC = rebuild(bench, store, archive, view, full.id(), tableC);
        double rebuildC = BenchSupport.seconds(start);
        double liveC = live(bench, rebuiltC.entry(), tail);
        check(bench, tableC, expected);

        Result result = new Result(revisions, view, expected.items().size(), backlog.size(), sweep, best, naive,
                liveReplay, rebuildB, liveB, snapshotC, rebuildC, liveC, tail);
        System.err.printf("  sweep %s → %d threads; naive %.1f s, live replay %.1f s, (b) rebuild %.1f s + live %.1f "
                + "s, (c) snapshot %.1f s + rebuild %.1f s + live %.1f s; every table equals the oracle's %,d items%n",
                sweep, best, naive, liveReplay, rebuildB, liveB, snapshotC, rebuildC, liveC, expected.items().size());
        for (String table : List.of(naiveTable, replayTable, tableB, tableC)) {
            bench.dynamo().deleteTable(b -> b.tableName(table));
        }
        return result;
    }

    private static GenerationReport generate(Path archive, long orders, double revisions, boolean append)
            throws IOException {
        return OrderArchiveGenerator.generate(new LocalArchiveStore(archive.toString()), GeneratorOptions.builder()
                .orders(orders).partitions(append ? null : PARTITIONS).revisions(revisions).append(append).build());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static SnapshotManifest committed(SnapshotOutcome outcome) {
        return ((SnapshotOutcome.Committed) outcome).manifest();
    }

    /** The plain loop's seconds for {@code updates} into {@code table}. */
    private static double plain(Bench bench, String table, List<Update> updates, int threads) throws Exception {
        LiveInFlight inFlight = new LiveInFlight(threads);
        inFlight.start();
        long start = System.nanoTime();
        LivePlainLoop.Result result = LivePlainLoop.run(bench.dynamo(), table, updates, threads, inFlight);
        double seconds = BenchSupport.seconds(start);
        inFlight.stop();
        if (result.applied() != updates.size()) {
            throw new IllegalStateException("the plain loop applied " + result.applied() + " of " + updates.size()
                    + " updates into " + table);
        }
        return seconds;
    }

    /** {@code live --until-caught-up} from the entry's handoff; its seconds. */
    private static double live(Bench bench, RebuildEntry entry, long records) throws Exception {
        LiveRuns runs = new LiveRuns(KafkaClients.of(bench.servers().kafkaBootstrapServers()), bench.dynamo(),
                bench.catalog(), bench.leasing());
        try (LiveRun run = runs.open(entry, Optional.empty(), LiveOptions.defaults(true))) {
            long start = System.nanoTime();
            LiveOutcome outcome = run.run();
            double seconds = BenchSupport.seconds(start);
            if (!outcome.caughtUp() || outcome.counts().records() != records
                    || outcome.counts().totalDeadLettered() != 0) {
                throw new IllegalStateException("live into " + entry.id() + " ended with " + outcome.counts()
                        + (outcome.caughtUp() ? "" : ", not caught up") + ", expected " + records + " records");
            }
            return seconds;
        }
    }

    private static RebuildOutcome rebuild(Bench bench, SnapshotStore store, Path archive, String view,
                                          SnapshotId snapshot, String table)
            throws Exception {
        DynamoTarget target = new DynamoTarget(new DynamoConnection(bench.servers().dynamoDbEndpoint().toString(),
                bench.servers().region(), bench.servers().credentials().accessKeyId(),
                bench.servers().credentials().secretAccessKey()), table, view, WriteOptions.DEFAULT,
                DynamoTarget.ClientWrapper.NONE);
        return new RebuildJob(bench.spark(), store, bench.catalog(), bench.leasing(), Clock.systemUTC())
                .run(new RebuildRequest(archive.toString(), view, Optional.of(snapshot), target, false));
    }

    /** Every item of {@code table} equals the oracle's, and it holds no other. */
    private static void check(Bench bench, String table, ExpectedOrderHistory expected) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        bench.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get("orderId").s(), item));
        if (!items.keySet().equals(expected.items().keySet())) {
            throw new IllegalStateException(table + " holds " + items.size() + " items, the oracle "
                    + expected.items().size());
        }
        items.forEach((orderId, item) -> {
            if (!DynamoValues.sameItem(item, expected.items().get(orderId))) {
                throw new IllegalStateException(table + ": order " + orderId + " is " + item + ", expected "
                        + expected.items().get(orderId));
            }
        });
    }

    private static void print(List<Result> results, String loadAtStart, String loadAtEnd) {
        System.out.println("| events per order | orders | events | (a) naive replay | threads | replay through live "
                + "| (b) rebuild + catch-up | (c) snapshot --full + rebuild + catch-up | a ÷ b | a ÷ c "
                + "| live replay ÷ b |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %.2f | %,d | %,d | %.1f s | %d | %.1f s | %.1f s (%.1f + %.1f) | %.1f s (%.1f + %.1f "
                    + "+ %.1f) | %.2f | %.2f | %.2f |%n", (double) r.events() / r.orders(), r.orders(), r.events(),
                    r.naive(), r.bestThreads(), r.liveReplay(), r.b(), r.rebuildB(), r.liveB(), r.c(), r.snapshotC(),
                    r.rebuildC(), r.liveC(), r.naive() / r.b(), r.naive() / r.c(), r.liveReplay() / r.b());
        }
        System.out.println();
        System.out.println("| events per order | plain loop, a fifth of the updates: seconds by thread count |");
        System.out.println("|---:|---|");
        for (Result r : results) {
            StringBuilder sweep = new StringBuilder();
            r.sweep().forEach((threads, seconds) -> sweep.append(sweep.isEmpty() ? "" : ", ")
                    .append(threads).append(": ").append(String.format("%.1f s", seconds)));
            System.out.printf("| %.2f | %s |%n", (double) r.events() / r.orders(), sweep);
        }
        System.out.println("(load average " + loadAtStart + " at the start, " + loadAtEnd + " at the end; "
                + Runtime.getRuntime().availableProcessors() + " cores)");
    }
}
