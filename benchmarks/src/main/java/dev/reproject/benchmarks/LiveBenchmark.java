package dev.reproject.benchmarks;

import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.Update;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.live.DynamoItemUpdater;
import dev.reproject.live.LiveDecorators;
import dev.reproject.live.LiveMetrics;
import dev.reproject.live.LiveOptions;
import dev.reproject.live.LiveOutcome;
import dev.reproject.live.LiveRun;
import dev.reproject.live.LiveRuns;
import dev.reproject.live.LiveUpdater;
import dev.reproject.live.RecordClassifier;
import dev.reproject.sandbox.LocalServers;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live updater's catch-up rate against a plain loop of the same conditional {@code UpdateItem} calls with the
 * same concurrency ({@link LivePlainLoop}), in one JVM against the sandbox's KRaft broker and dynalite. For each
 * size a backlog ({@link LiveBacklog}) is produced to a fresh view topic; then, alternating live, plain, live,
 * plain so that drift in a shared machine's load hits both, each run writes into its own fresh table:
 * <ul>
 *   <li><b>live</b>: a LOADED catalog entry with an empty handoff and {@link LiveUpdater}, wired by {@link LiveRuns}
 *       as the command wires it, with {@code --until-caught-up} and the command's defaults (16 requests in flight,
 *       reports every 10 s, polls of 500 ms), timed from {@code run()} to its return: the catch-up time of the
 *       backlog;</li>
 *   <li><b>plain</b>: the same records classified beforehand (not timed), then written by a fixed pool of 16
 *       threads, one task per key.</li>
 * </ul>
 * Every table must end with the same items. Where the time goes: requests in flight over time
 * ({@link LiveInFlight}), the updater's consumer calls ({@link LiveConsumerCalls}), DynamoDB requests by table
 * ({@link LiveDynamoCalls}) and CPU by process and by thread ({@link LiveCpu}, {@link LiveThreadCpu}). Prints
 * Markdown tables; details go to stderr.
 *
 * <p>Arguments: {@code WORK_DIR [--archive DIR] [EVENTS…]}, e.g. {@code /tmp/live-bench 25000 100000}. With
 * {@code --archive} the backlogs are prefixes of an archive made beforehand ({@code reproject generate --archive DIR
 * --orders N …} with any of the generator's options, e.g. for longer histories per order) instead of archives
 * generated with the defaults; the warm-up still uses a default one. {@code --view NAME} (default
 * {@code order-history}) replays them through another view, e.g. one that applies the longer histories' events.
 */
public final class LiveBenchmark {

    private static final String DEFAULT_VIEW = "order-history";
    static final int PARTITIONS = 4;
    private static final int ROUNDS = 2;
    private static final long WARM_UP_EVENTS = 20_000;
    static final String CATALOG = "live-bench-catalog";

    private LiveBenchmark() {
    }

    /** One run into one table: the live updater or the plain loop. */
    record Run(String kind, int round, double seconds, long records, long applied, long duplicates,
               long updateItemRequests, Map<String, Long> otherRequests, LiveInFlight.Profile profile,
               Map<String, Double> cpuSeconds, Map<String, Double> jvmCpuSeconds,
               Optional<LiveConsumerCalls> consumer, Combining combining) {

        double eventsPerSecond() {
            return records / seconds;
        }
    }

    /** The live run's combined writes ({@code reproject.live.*} meters); none for the plain loop. */
    record Combining(long combinedWrites, long combinedUpdates, long fallbacks) {
        static final Combining NONE = new Combining(0, 0, 0);
    }

    record Result(long events, long keys, Map<Integer, Integer> partitions, double produceSeconds, List<Run> runs) {

        List<Run> of(String kind) {
            return runs.stream().filter(r -> r.kind().equals(kind)).toList();
        }

        double meanSeconds(String kind) {
            return of(kind).stream().mapToDouble(Run::seconds).average().orElseThrow();
        }

        double meanInFlight(String kind) {
            return of(kind).stream().mapToDouble(run -> run.profile().meanInFlight()).average().orElseThrow();
        }
    }

    /** What every run shares. */
    private record Bench(LocalServers servers, DynamoDbClient dynamo, LiveDynamoCalls calls, DynamoCatalog catalog,
                         ViewDefinition view) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/reproject-live-bench").toAbsolutePath();
        List<Long> sizes = new ArrayList<>();
        Optional<Path> archive = Optional.empty();
        String view = DEFAULT_VIEW;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--archive") && i + 1 < args.length) {
                archive = Optional.of(Path.of(args[++i]).toAbsolutePath());
            } else if (args[i].equals("--view") && i + 1 < args.length) {
                view = args[++i];
            } else {
                sizes.add(Long.parseLong(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(25_000L, 100_000L);
        }
        String loadAtStart = BenchSupport.loadAverage();
        System.err.println("load average at start: " + loadAtStart);
        try (LocalServers servers = LocalServers.create(work.resolve("servers"))) {
            AwsSettings settings = new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(),
                    servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                            servers.credentials().secretAccessKey());
            servers.kafkaBootstrapServers(); // both servers up before anything is generated or timed
            LiveDynamoCalls calls = new LiveDynamoCalls();
            try (DynamoDbClient dynamo = calls.client(settings)) {
                DynamoCatalog catalog = new DynamoCatalog(dynamo, CATALOG, Clock.systemUTC());
                catalog.createIfMissing();
                Bench bench = new Bench(servers, dynamo, calls, catalog, Views.byName(view));
                // C2 compiles the SDK's request path only after ~10k requests; the first consumer creates the offsets topic
                measure(bench, work, "warm-up", WARM_UP_EVENTS, 1, Optional.empty());
                List<Result> results = new ArrayList<>();
                for (long events : sizes) {
                    results.add(measure(bench, work, "n" + events, events, ROUNDS, archive));
                }
                String loadAtEnd = BenchSupport.loadAverage();
                System.err.println("load average at end: " + loadAtEnd);
                LiveReport.tables(results, loadAtStart, loadAtEnd);
            }
        }
    }

    private static Result measure(Bench bench, Path work, String name, long events, int rounds,
                                  Optional<Path> archive)
            throws Exception {
        Path dir = work.resolve(name);
        BenchSupport.delete(dir);
        LiveBacklog backlog = archive.isPresent() ? LiveBacklog.read(archive.get(), events)
                : LiveBacklog.generate(dir.resolve("archive"), events, PARTITIONS);
        long start = System.nanoTime();
        backlog.produceTo(bench.servers().kafkaBootstrapServers());
        double produceSeconds = BenchSupport.seconds(start);
        List<Update> updates = LivePlainLoop.classify(backlog.interleaved(),
                new RecordClassifier(new EventuateDecoder(), bench.view()));
        long keys = updates.stream().map(Update::key).distinct().count();
        System.err.printf("%s: %,d events %s produced in %.1f s, %,d updates, %,d keys%n", name, backlog.size(),
                backlog.sizes(), produceSeconds, updates.size(), keys);
        List<Run> runs = new ArrayList<>();
        Map<String, Item> expected = null;
        for (int round = 1; round <= rounds; round++) {
            for (String kind : List.of("live", "plain")) {
                String table = "live-bench-" + name + "-" + kind + "-" + round;
                BenchSupport.createTable(bench.dynamo(), table, bench.view().table());
                Run run = kind.equals("live") ? live(bench, table, round, backlog.size())
                        : plain(bench, table, round, updates);
                runs.add(run);
                LiveReport.run(name, run);
                check(run, backlog.size(), updates.size());
                Map<String, Item> items = items(bench.dynamo(), table);
                bench.dynamo().deleteTable(b -> b.tableName(table));
                if (expected == null) {
                    expected = items;
                } else if (!items.equals(expected)) {
                    throw new IllegalStateException(table + " differs from the first table of " + name + ": "
                            + items.size() + " items against " + expected.size());
                }
            }
        }
        System.err.printf("%s: every table holds the same %,d items%n", name, expected.size());
        return new Result(backlog.size(), keys, backlog.sizes(), produceSeconds, runs);
    }

    private static Run live(Bench bench, String table, int round, long records) throws Exception {
        RebuildId id = RebuildId.of(table, new SnapshotId("20261130T090000.000Z"));
        bench.catalog().begin(RebuildEntry.loading(id, bench.view().name(), "bench", Watermark.empty(),
                Instant.now()));
        RebuildEntry entry = bench.catalog().markLoaded(id, Map.of(), Watermark.empty());
        LiveInFlight inFlight = new LiveInFlight(LiveOptions.DEFAULT_MAX_IN_FLIGHT);
        LiveConsumerCalls consumerCalls = new LiveConsumerCalls();
        LiveMetrics metrics = LiveMetrics.unpublished();
        LiveRuns runs = new LiveRuns(KafkaClients.of(bench.servers().kafkaBootstrapServers()), bench.dynamo(),
                bench.catalog(), new Leasing(bench.catalog().leases(), Clock.systemUTC()), metrics);
        try (LiveRun run = runs.open(entry, Optional.empty(), LiveOptions.defaults(true),
                new LiveDecorators(consumerCalls::timing, inFlight::tracking))) {
            DynamoItemUpdater writes = run.items();
            bench.calls().reset();
            Map<String, Duration> cpu = LiveCpu.sample();
            LiveThreadCpu threads = LiveThreadCpu.start();
            inFlight.start();
            long start = System.nanoTime();
            LiveOutcome outcome = run.run();
            double seconds = BenchSupport.seconds(start);
            LiveInFlight.Profile profile = inFlight.stop();
            Map<String, Double> jvmCpu = threads.stop();
            Map<String, Double> cpuSeconds = LiveCpu.since(cpu, LiveCpu.sample());
            if (!outcome.caughtUp() || outcome.counts().records() != records
                    || outcome.counts().totalDeadLettered() != 0 || outcome.counts().skipped() != 0) {
                throw new IllegalStateException("live run into " + table + " ended with " + outcome.counts()
                        + (outcome.caughtUp() ? "" : ", not caught up") + ", expected " + records + " records");
            }
            Map<String, Long> requests = bench.calls().counts();
            long updateItems = requests.getOrDefault(table + " UpdateItem", 0L);
            if (updateItems != writes.calls()) {
                throw new IllegalStateException(updateItems + " UpdateItem requests sent, the updater counted "
                        + writes.calls() + " calls (" + writes.retries() + " retries)");
            }
            requests.remove(table + " UpdateItem");
            return new Run("live", round, seconds, outcome.counts().records(), outcome.counts().applied(),
                    outcome.counts().duplicates(), updateItems, requests, profile, cpuSeconds, jvmCpu,
                    Optional.of(consumerCalls), combining(metrics));
        }
    }

    private static Run plain(Bench bench, String table, int round, List<Update> updates) throws Exception {
        LiveInFlight inFlight = new LiveInFlight(LiveOptions.DEFAULT_MAX_IN_FLIGHT);
        bench.calls().reset();
        Map<String, Duration> cpu = LiveCpu.sample();
        LiveThreadCpu threads = LiveThreadCpu.start();
        inFlight.start();
        long start = System.nanoTime();
        LivePlainLoop.Result result = LivePlainLoop.run(bench.dynamo(), table, updates,
                LiveOptions.DEFAULT_MAX_IN_FLIGHT, inFlight);
        double seconds = BenchSupport.seconds(start);
        LiveInFlight.Profile profile = inFlight.stop();
        Map<String, Double> jvmCpu = threads.stop();
        Map<String, Double> cpuSeconds = LiveCpu.since(cpu, LiveCpu.sample());
        Map<String, Long> requests = bench.calls().counts();
        long updateItems = requests.getOrDefault(table + " UpdateItem", 0L);
        requests.remove(table + " UpdateItem");
        return new Run("plain", round, seconds, updates.size(), result.applied(), result.duplicates(), updateItems,
                requests, profile, cpuSeconds, jvmCpu, Optional.empty(), Combining.NONE);
    }

    private static Combining combining(LiveMetrics metrics) {
        MeterRegistry registry = metrics.registry();
        return new Combining((long) registry.get("reproject.live.writes").tag("kind", "combined").functionCounter()
                .count(), (long) registry.get("reproject.live.combined.updates").functionCounter().count(),
                (long) registry.get("reproject.live.combined.fallbacks").functionCounter().count());
    }

    private static void check(Run run, long records, long updates) {
        if (run.records() != records || run.applied() + run.duplicates() != updates) {
            throw new IllegalStateException(run.kind() + " #" + run.round() + ": " + run.records() + " records, "
                    + run.applied() + " applied, " + run.duplicates() + " duplicates; expected " + records
                    + " records and " + updates + " updates");
        }
    }

    /** The table's items by their key attributes' values. */
    private static Map<String, Item> items(DynamoDbClient dynamo, String table) {
        Map<String, Item> items = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(raw -> {
            Item item = AttributeValues.toItem(raw);
            items.put(item.get("orderId").map(Object::toString).orElseThrow(), item);
        });
        return items;
    }
}
