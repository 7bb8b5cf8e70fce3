package dev.reproject.benchmarks;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.verify.KeyClass;
import dev.reproject.core.verify.KeySample;
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
import dev.reproject.spark.snapshot.SnapshotStore;
import dev.reproject.verify.DynamoSource;
import dev.reproject.verify.VerifyJob;
import dev.reproject.verify.VerifyOutcome;
import dev.reproject.verify.VerifyRequest;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * {@code verify} on a correct table against a plain parallel {@code Scan} of the same table with the same segments
 * ({@link #plainScan}: one thread per segment, nothing done with the items), in one JVM and one dynalite, in rounds
 * of verify, scan / scan, verify so that drift in a shared machine's load hits both alike. The table is loaded by
 * the rebuild job from a full snapshot of a generated archive; verify must find it all equal. Read units are
 * DynamoDB's own count ({@code ReturnConsumedCapacity TOTAL}). Prints Markdown tables; details go to stderr.
 *
 * <p>Arguments: {@code WORK_DIR [MASTER] [ORDERS] [ROUNDS]}, e.g. {@code /tmp/bench local[2] 100000 2}.
 */
public final class VerifyBenchmark {

    private static final String VIEW = "order-history";
    private static final String TABLE = "bench-verify";

    private VerifyBenchmark() {
    }

    /** One read of the whole table. */
    record Read(String kind, int round, double seconds, long items, double readUnits, long keysChecked,
                long wrong) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/reproject-verify-bench").toAbsolutePath();
        String master = args.length > 1 ? args[1] : "local[2]";
        long orders = args.length > 2 ? Long.parseLong(args[2]) : 100_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        String loadAtStart = BenchSupport.loadAverage();
        SparkSession spark = SparkSessions.create("reproject verify benchmark", Optional.of(master),
                S3aSettings.aws("us-east-1"));
        SparkTimeline timeline = new SparkTimeline();
        spark.sparkContext().addSparkListener(timeline);
        BenchSupport.delete(work.resolve("data"));
        try (LocalServers servers = LocalServers.create(work.resolve("servers"))) {
            AwsSettings dynamo = new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(),
                    servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                            servers.credentials().secretAccessKey());
            try (DynamoDbClient admin = AwsClients.dynamoDb(dynamo)) {
                DynamoCatalog catalog = new DynamoCatalog(admin, DynamoCatalog.DEFAULT_TABLE, Clock.systemUTC());
                Path dir = work.resolve("data");
                String archive = dir.resolve("archive").toString();
                long start = System.nanoTime();
                OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                        GeneratorOptions.builder().orders(orders).build());
                SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                        spark.sparkContext().hadoopConfiguration());
                Leasing leasing = new Leasing(catalog.leases(), Clock.systemUTC());
                SnapshotManifest snapshot = ((SnapshotOutcome.Committed) new SnapshotJob(spark, store, leasing,
                        Clock.systemUTC()).run(new SnapshotRequest(archive, VIEW, true, false))).manifest();
                DynamoTarget target = new DynamoTarget(
                        new DynamoConnection(servers.dynamoDbEndpoint().toString(), servers.region(),
                                servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()),
                        TABLE, VIEW, WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
                RebuildEntry entry = new RebuildJob(spark, store, catalog, leasing, Clock.systemUTC())
                        .run(new RebuildRequest(archive, VIEW, Optional.of(snapshot.id()), target, false)).entry();
                long items = entry.counts().get("items");
                System.err.printf("%,d orders: archive, snapshot and rebuild of %,d items in %.1f s%n", orders, items,
                        BenchSupport.seconds(start));

                int segments = spark.sparkContext().defaultParallelism();
                DynamoSource source = new DynamoSource(
                        new DynamoConnection(servers.dynamoDbEndpoint().toString(), servers.region(),
                                servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()),
                        TABLE, VIEW);
                VerifyJob verify = new VerifyJob(spark, store, catalog, Clock.systemUTC());
                List<Read> reads = new ArrayList<>();
                // warm-up: JIT, Spark's code generation and dynalite's first calls, with verify's own code paths
                plainScan(admin, segments, 0);
                verify.run(new VerifyRequest(archive, VIEW, source, Optional.empty(), new KeySample(0.01), 0, segments,
                        "bench-warm-up", false, false));
                for (int round = 1; round <= rounds; round++) {
                    boolean verifyFirst = round % 2 == 1;
                    for (int i = 0; i < 2; i++) {
                        long startMillis = System.currentTimeMillis();
                        Read read = (i == 0) == verifyFirst
                                ? verify(verify, archive, source, entry, segments, round)
                                : plainScan(admin, segments, round);
                        if (read.items() != items) {
                            throw new IllegalStateException(read.kind() + " read " + read.items() + " items, the "
                                    + "table has " + items);
                        }
                        if (read.wrong() != 0) {
                            throw new IllegalStateException("verify found " + read.wrong() + " wrong keys in a "
                                    + "correct table");
                        }
                        reads.add(read);
                        System.err.printf("  %s #%d: %.1f s, %,d items, %,.1f read units%n", read.kind(), round,
                                read.seconds(), read.items(), read.readUnits());
                        SparkTimeline.print(timeline.since(startMillis), startMillis);
                    }
                }
                print(master, segments, orders, items, reads, loadAtStart, BenchSupport.loadAverage());
            }
        } finally {
            spark.stop();
        }
    }

    private static Read verify(VerifyJob job, String archive, DynamoSource source, RebuildEntry entry, int segments,
                               int round)
            throws Exception {
        long start = System.nanoTime();
        VerifyOutcome outcome = job.run(new VerifyRequest(archive, VIEW, source, Optional.of(entry.id()),
                KeySample.ALL, 0, segments, "bench-" + round, false, false));
        double seconds = BenchSupport.seconds(start);
        return new Read("verify", round, seconds, outcome.itemsRead(), outcome.readUnits(), outcome.keysChecked(),
                outcome.wrongKeys() + outcome.counts().getOrDefault(KeyClass.AHEAD, 0L));
    }

    /** One thread per segment, each paging through its segment; the items are counted, nothing more. */
    static Read plainScan(DynamoDbClient client, int segments, int round) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(segments);
        try {
            long start = System.nanoTime();
            List<Future<double[]>> parts = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                int at = segment;
                parts.add(threads.submit(() -> scanSegment(client, at, segments)));
            }
            long items = 0;
            double units = 0;
            for (Future<double[]> part : parts) {
                items += (long) part.get()[0];
                units += part.get()[1];
            }
            return new Read("scan", round, BenchSupport.seconds(start), items, units, 0, 0);
        } finally {
            threads.shutdownNow();
        }
    }

    private static double[] scanSegment(DynamoDbClient client, int segment, int segments) {
        long items = 0;
        double units = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = client.scan(b -> b.tableName(TABLE).segment(segment).totalSegments(segments)
                    .exclusiveStartKey(from).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            items += page.count();
            units += page.consumedCapacity().capacityUnits();
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                    : null;
        } while (startKey != null);
        return new double[]{items, units};
    }

    private static void print(String master, int segments, long orders, long items, List<Read> reads,
                              String loadAtStart, String loadAtEnd) {
        double verify = mean(reads, "verify", Read::seconds);
        double scan = mean(reads, "scan", Read::seconds);
        double verifyUnits = mean(reads, "verify", Read::readUnits);
        double scanUnits = mean(reads, "scan", Read::readUnits);
        System.out.println("| items | segments | verify | scan | verify ÷ scan (time) | verify read units "
                + "| scan read units | verify ÷ scan (units) | differences |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %,d | %d | %.1f s | %.1f s | %.2f | %,.1f | %,.1f | %.2f | %d |%n", items, segments,
                verify, scan, verify / scan, verifyUnits, scanUnits, verifyUnits / scanUnits,
                reads.stream().mapToLong(Read::wrong).sum());
        System.out.println();
        System.out.println("| read | round | time | items | read units | keys checked |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Read r : reads) {
            System.out.printf("| %s | %d | %.1f s | %,d | %,.1f | %,d |%n", r.kind(), r.round(), r.seconds(),
                    r.items(), r.readUnits(), r.keysChecked());
        }
        System.out.println("(" + orders + " orders, " + master + ", " + segments + " segments, "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; load average " + loadAtStart + " at start, "
                + loadAtEnd + " at end)");
    }

    private static double mean(List<Read> reads, String kind, ToDoubleFunction<Read> value) {
        return reads.stream().filter(r -> r.kind().equals(kind)).mapToDouble(value).average().orElseThrow();
    }
}
