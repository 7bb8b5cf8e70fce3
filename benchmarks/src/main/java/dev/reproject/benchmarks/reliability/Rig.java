package dev.reproject.benchmarks.reliability;

import dev.reproject.archiver.ArchiveRequest;
import dev.reproject.archiver.TopicArchiver;
import dev.reproject.aws.ArchiveStores;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.sandbox.RestartableServers;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every scenario runs on: the restartable servers, a generated FTGO Order stream in Kafka (true offsets), its
 * first part archived in S3 as Kafka Connect would ({@code s3a://archive/orders}), an uninterrupted snapshot of it
 * ({@code s3a://snapshots/reference}) and the commands started as child JVMs against them. Later parts of the
 * stream are produced by {@link #produceMore(long)}, for the live scenarios.
 */
final class Rig implements AutoCloseable {

    static final String VIEW = "order-history";
    static final String ARCHIVE = "s3a://archive/orders";
    static final String CATALOG = "reproject-catalog";
    static final String REFERENCE = "s3a://snapshots/reference";
    private static final String SNAPSHOT_MAIN = "dev.reproject.snapshot.cli.SnapshotMain";
    private static final String REBUILD_MAIN = "dev.reproject.rebuild.cli.RebuildMain";
    private static final String LIVE_MAIN = "dev.reproject.live.cli.LiveMain";

    final Path dir;
    final RestartableServers servers;
    final Topic topic;
    private final Path source;
    private final int partitions;
    private Map<Integer, Long> published = new TreeMap<>();
    private SparkSession spark;
    private List<String> sparkOptions = List.of();
    private String lastLoaded;
    private long archivedRecords;
    private Set<String> referenceRows;
    private double referenceSnapshotSeconds;
    private ExpectedOrderHistory archived;

    private Rig(Path dir, int partitions) {
        this.dir = dir;
        this.partitions = partitions;
        this.servers = RestartableServers.create(dir.resolve("servers"));
        this.topic = new Topic(servers.kafkaBootstrapServers());
        servers.s3Endpoint();
        servers.dynamoDbEndpoint();
        this.source = dir.resolve("source");
    }

    /**
     * Generates {@code orders} orders over {@code partitions} partitions (1% bad records), produces them, archives
     * them to S3 and makes the reference snapshot, timed.
     */
    static Rig prepare(Path dir, Sizes sizes, long seed) throws Exception {
        Rig rig = new Rig(dir, sizes.partitions());
        long orders = sizes.orders();
        int partitions = sizes.partitions();
        if (sizes.fastFailS3()) {
            // what a user wanting S3 errors to fail a run fast sets (spark.* system properties reach SparkConf):
            // s3a's own retries and the SDK's attempts cut down from 7 and 6
            rig.sparkOptions = List.of("-Dspark.hadoop.fs.s3a.retry.limit=1",
                    "-Dspark.hadoop.fs.s3a.attempts.maximum=1", "-Dspark.hadoop.fs.s3a.retry.interval=100ms",
                    "-Dspark.hadoop.fs.s3a.retry.throttle.limit=1");
        }
        try {
            rig.topic.create(partitions);
            try (S3Client s3 = rig.s3()) {
                s3.createBucket(b -> b.bucket("archive"));
                s3.createBucket(b -> b.bucket("snapshots"));
            }
            GenerationReport report = rig.generate(orders, false, seed);
            Map<Integer, Long> ends = rig.publishUpTo(report);
            Map<SourcePartition, Long> until = new TreeMap<>();
            ends.forEach((p, end) -> until.put(new SourcePartition(Topic.NAME, p), end));
            try (ArchiveStore store = ArchiveStores.open(ARCHIVE, rig.aws())) {
                new TopicArchiver(rig.servers.kafkaBootstrapServers(), store)
                        .archive(ArchiveRequest.of(Topic.NAME).withUntilOffsets(until));
            }
            rig.archivedRecords = Topic.total(ends);
            Child reference = rig.snapshot(dir, "reference-snapshot", REFERENCE);
            reference.awaitSuccess(10);
            rig.referenceSnapshotSeconds = reference.secondsRunning();
            rig.referenceRows = rig.snapshotRows(REFERENCE);
            System.out.printf("rig: %,d orders, %,d records in %d partitions archived to %s; reference snapshot of"
                    + " %,d rows in %.1f s (%s)%n", orders, Topic.total(ends), partitions, ARCHIVE,
                    rig.referenceRows.size(), rig.referenceSnapshotSeconds, reference.peakHeap());
            return rig;
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
    }

    /** Generates {@code orders} more orders (late transitions of older ones too) and produces them. */
    long produceMore(long orders) throws Exception {
        long before = Topic.total(published);
        publishUpTo(generate(orders, true, 0));
        return Topic.total(published) - before;
    }

    private GenerationReport generate(long orders, boolean append, long seed) throws IOException {
        GeneratorOptions.Builder options = GeneratorOptions.builder().orders(orders).badFraction(0.01)
                .append(append);
        if (!append) {
            options.partitions(partitions).seed(seed);
        }
        try (ArchiveStore store = new LocalArchiveStore(source.toString())) {
            return OrderArchiveGenerator.generate(store, options.build());
        }
    }

    private Map<Integer, Long> publishUpTo(GenerationReport report) throws IOException {
        Map<Integer, Long> until = new TreeMap<>();
        report.endOffsets().forEach((p, last) -> until.put(p.partition(), last + 1));
        Map<Integer, Long> from = new TreeMap<>();
        until.keySet().forEach(p -> from.put(p, published.getOrDefault(p, 0L)));
        topic.publish(source, from, until);
        published = until;
        return until;
    }

    /** Records produced so far (the sum of the partitions' end offsets). */
    long records() {
        return Topic.total(published);
    }

    /** Records archived in S3: what each snapshot and rebuild run reads. */
    long archivedRecords() {
        return archivedRecords;
    }

    Map<Integer, Long> published() {
        return Map.copyOf(published);
    }

    double referenceSnapshotSeconds() {
        return referenceSnapshotSeconds;
    }

    Set<String> referenceRows() {
        return referenceRows;
    }

    /** The items the archive gives, worked out by {@link ExpectedOrderHistory} from the S3 objects. */
    ExpectedOrderHistory archived() throws IOException {
        if (archived == null) {
            try (S3Client s3 = s3()) {
                archived = ExpectedOrderHistory.of(s3, "archive", "orders/");
            }
        }
        return archived;
    }

    /** The items every record in the topic gives. */
    ExpectedOrderHistory everyRecord() {
        return ExpectedOrderHistory.ofRecords(topic.records());
    }

    // ---- the commands, each in its own JVM ----

    /** {@code more}: further options, e.g. {@code --lease-wait 0} over the rig's environment default. */
    Child snapshot(Path runDir, String name, String snapshots, String... more) {
        List<String> args = new ArrayList<>(List.of("--archive", ARCHIVE, "--snapshots", snapshots, "--master",
                "local[2]", "--s3-endpoint", servers.s3Endpoint().toString(), "--region", servers.region(),
                "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--catalog-table", CATALOG, "--json"));
        args.addAll(List.of(more));
        return Child.start(runDir, name, "1g", sparkOptions, SNAPSHOT_MAIN, args, environment());
    }

    /** {@code more}: further options, e.g. {@code --lease-wait 0} over the rig's environment default. */
    Child rebuild(Path runDir, String name, String table, int writeRate, String... more) {
        List<String> args = new ArrayList<>(List.of("--archive", ARCHIVE, "--snapshots", REFERENCE,
                "--table", table, "--catalog-table", CATALOG, "--master", "local[2]", "--write-rate",
                Integer.toString(writeRate), "--s3-endpoint", servers.s3Endpoint().toString(),
                "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--region", servers.region(),
                "--json"));
        args.addAll(List.of(more));
        return Child.start(runDir, name, "1g", sparkOptions, REBUILD_MAIN, args, environment());
    }

    Child live(Path runDir, String name, String table, boolean untilCaughtUp) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", servers.kafkaBootstrapServers(),
                "--table", table, "--catalog-table", CATALOG, "--dynamodb-endpoint",
                servers.dynamoDbEndpoint().toString(), "--region", servers.region(), "--max-in-flight", "8",
                "--report-interval", "1", "--json",
                // as under a supervisor that restarts it: one static member of the rebuild's group, whose rerun
                // after a kill gets its partitions back at once instead of after the killed session times out
                "--instance-id", "reliability-" + table));
        if (untilCaughtUp) {
            args.add("--until-caught-up");
        }
        return Child.start(runDir, name, "512m", List.of(), LIVE_MAIN, args, environment());
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", servers.credentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", servers.credentials().secretAccessKey());
        // a killed run keeps its lease until it expires: short leases, and the next run waits for them
        env.put("REPROJECT_LEASE_TTL", "10");
        env.put("REPROJECT_LEASE_WAIT", "60");
        return env;
    }

    // ---- reading what the commands left ----

    AwsSettings aws() {
        return new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.of(servers.s3Endpoint()),
                servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                        servers.credentials().secretAccessKey());
    }

    S3Client s3() {
        return AwsClients.s3(aws());
    }

    DynamoDbClient dynamo() {
        return AwsClients.dynamoDb(aws());
    }

    /** Keys of manifests under a snapshots root (committed snapshots). */
    List<String> manifests(String snapshots) {
        String prefix = snapshots.substring("s3a://snapshots/".length()) + "/";
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2Paginator(b -> b.bucket("snapshots").prefix(prefix)).contents().stream()
                    .map(o -> o.key()).filter(k -> k.endsWith("/" + SnapshotManifest.FILE_NAME)
                            && !k.contains("/rebuilds/"))
                    .toList();
        }
    }

    /** Whether anything was written under a snapshots root yet. */
    boolean anyObject(String snapshots) {
        String prefix = snapshots.substring("s3a://snapshots/".length()) + "/";
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2(b -> b.bucket("snapshots").prefix(prefix).maxKeys(1)).keyCount() > 0;
        }
    }

    /** The rows ({@code key item}, both DynamoDB JSON) of the latest committed snapshot under a root. */
    Set<String> snapshotRows(String snapshots) throws IOException {
        SparkSession session = spark();
        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(snapshots),
                session.sparkContext().hadoopConfiguration());
        SnapshotManifest manifest = store.latest(VIEW)
                .orElseThrow(() -> new IllegalStateException("no committed snapshot in " + snapshots));
        return SnapshotRows.open(session, store, manifest).all().collectAsList().stream()
                .map(row -> row.<String>getAs("key") + " " + row.<String>getAs("item"))
                .collect(Collectors.toSet());
    }

    private SparkSession spark() {
        if (spark == null) {
            SparkSession.Builder builder = SparkSession.builder().master("local[1]").appName("reliability")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2");
            Map<String, String> conf = new HashMap<>(S3aSettings.localDefaults());
            conf.putAll(new S3aSettings(Optional.of(servers.s3Endpoint()), servers.region(),
                    Optional.of(servers.credentials().accessKeyId()),
                    Optional.of(servers.credentials().secretAccessKey())).hadoopConf());
            conf.forEach((k, v) -> builder.config("spark.hadoop." + k, v));
            spark = builder.getOrCreate();
        }
        return spark;
    }

    /** The whole table by order id (consistent scans). */
    Map<String, Map<String, AttributeValue>> scan(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        try (DynamoDbClient dynamo = dynamo()) {
            dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                    .forEach(item -> items.put(item.get("orderId").s(), item));
        }
        return items;
    }

    /** Items in the table; 0 while it does not exist. */
    long count(String table) {
        try (DynamoDbClient dynamo = dynamo()) {
            long count = 0;
            for (ScanResponse page : dynamo
                    .scanPaginator(b -> b.tableName(table).consistentRead(true).select(Select.COUNT))) {
                count += page.count();
            }
            return count;
        } catch (ResourceNotFoundException notYet) {
            return 0;
        }
    }

    /** The table's catalog entries. */
    List<RebuildEntry> entries(String table) {
        try (DynamoDbClient dynamo = dynamo()) {
            return new DynamoCatalog(dynamo, CATALOG, Clock.systemUTC()).entriesForTable(table);
        }
    }

    /** Notes a table checked LOADED with exactly the expected items: the live scenarios continue it. */
    void loaded(String table) {
        lastLoaded = table;
    }

    /**
     * The table the live scenarios continue: the last one a scenario checked LOADED (live may have continued it
     * since), else {@code table}, loaded now by an uninterrupted rebuild.
     */
    String liveTable(Path runDir, String table, Figures.Line line) {
        if (lastLoaded == null) {
            Child rebuild = rebuild(runDir, table + "-rebuild", table, 100_000);
            rebuild.awaitSuccess(10);
            line.ran(rebuild);
            line.records += archivedRecords;
            lastLoaded = table;
        }
        return lastLoaded;
    }

    /** The consumer group of the table's rebuild, where live commits. */
    String consumerGroup(String table) {
        return entries(table).get(0).id().consumerGroup();
    }

    /** Per partition where live starts on the table's rebuild: handoff + 1. */
    Map<Integer, Long> liveStarts(String table) {
        Map<Integer, Long> starts = new TreeMap<>();
        published.keySet().forEach(p -> starts.put(p, 0L));
        entries(table).get(0).handoff().offsets().forEach((tp, offset) -> starts.put(tp.partition(), offset + 1));
        return starts;
    }

    @Override
    public void close() {
        if (spark != null) {
            spark.stop();
        }
        servers.close();
    }
}
