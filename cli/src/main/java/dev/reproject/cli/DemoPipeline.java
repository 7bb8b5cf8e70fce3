package dev.reproject.cli;

import dev.reproject.archiver.ArchivePublisher;
import dev.reproject.archiver.PublishReport;
import dev.reproject.archiver.PublishRequest;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.aws.s3.MissingBucket;
import dev.reproject.aws.s3.S3ArchiveStore;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.sample.SampleArchiveGenerator;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.live.LiveOptions;
import dev.reproject.live.LiveOutcome;
import dev.reproject.live.LiveRun;
import dev.reproject.live.LiveRuns;
import dev.reproject.rebuild.DynamoTarget;
import dev.reproject.rebuild.RebuildJob;
import dev.reproject.rebuild.RebuildOutcome;
import dev.reproject.rebuild.RebuildRequest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.SandboxCredentials;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.SparkSessions;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The demo's steps on local servers, each reported as it ends: a sample archive in the S3 server and the same
 * records in Kafka, a snapshot, more events, an incremental snapshot, a rebuild into DynamoDB, and the live
 * updater while yet more events are produced.
 */
final class DemoPipeline implements AutoCloseable {

    static final String ARCHIVE = "s3a://reproject-demo/archive";
    static final String SNAPSHOTS = "s3a://reproject-demo/snapshots";

    /** Where each step reports to. */
    interface Steps {
        void done(String step, String text, long startNanos, Map<String, Object> figures);
    }

    private final LocalServers servers;
    private final SampleArchiveGenerator generator;
    private final ViewDefinition view;
    private final Steps steps;
    private final AwsSettings aws;
    private final S3ArchiveStore archive;
    private final DynamoDbClient dynamo;
    private final DynamoCatalog catalog;
    private final SparkSession spark;
    private final SnapshotStore snapshots;

    DemoPipeline(LocalServers servers, SampleArchiveGenerator generator, String catalogTable, Steps steps) {
        this.servers = servers;
        this.generator = generator;
        this.view = Views.byName(generator.view());
        this.steps = steps;
        SandboxCredentials credentials = servers.credentials();
        this.aws = new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.of(servers.s3Endpoint()),
                servers.region()).withStaticCredentials(credentials.accessKeyId(), credentials.secretAccessKey());
        this.archive = S3ArchiveStore.owning(ARCHIVE, AwsClients.s3(aws), MissingBucket.CREATE); // the demo's own
        this.dynamo = AwsClients.dynamoDb(aws);
        this.catalog = new DynamoCatalog(dynamo, catalogTable, Clock.systemUTC());
        this.spark = SparkSessions.create("reproject demo", Optional.of("local[*]"), new S3aSettings(
                Optional.of(servers.s3Endpoint()), servers.region(), Optional.of(credentials.accessKeyId()),
                Optional.of(credentials.secretAccessKey())));
        this.snapshots = new SnapshotStore(ArchiveRoot.of(SNAPSHOTS), spark.sparkContext().hadoopConfiguration());
    }

    /** Step 1: the archive, and the same records in Kafka. */
    PublishReport generate(long seed, double badFraction) throws IOException {
        long start = System.nanoTime();
        GenerationReport written = generator.generateDemo(archive, seed, badFraction);
        PublishReport published = publish(Map.of());
        steps.done("generate", String.format("%,d events and %,d bad records written to %s; the same %,d records "
                + "in Kafka topic %s (%d partitions)", written.totalEvents(), totalRejected(written), ARCHIVE,
                published.records(), published.topic(), published.partitions().size()), start,
                Map.of("events", written.totalEvents(), "rejected", totalRejected(written),
                        "records", written.records(), "published", published.records()));
        return published;
    }

    /** The jobs' leases, in the demo's catalog table. */
    private Leasing leasing() {
        return new Leasing(catalog.leases(), Clock.systemUTC());
    }

    /** Steps 2 and 4. */
    SnapshotOutcome snapshot(String step) throws Exception {
        long start = System.nanoTime();
        SnapshotOutcome outcome = new SnapshotJob(spark, snapshots, leasing(), Clock.systemUTC())
                .run(new SnapshotRequest(ARCHIVE, view.name(), false, false));
        if (!(outcome instanceof SnapshotOutcome.Committed committed)) {
            throw new IllegalStateException("the demo's snapshot found nothing new to commit");
        }
        var counts = committed.manifest().counts();
        steps.done(step, String.format("%s %s: %,d records read (%,d events applied, %,d rejected, %,d duplicate "
                + "records), %,d items",
                committed.manifest().parent().isPresent() ? "incremental snapshot"
                        : "snapshot",
                committed.manifest().id(), counts.records(), counts.applied(), counts.totalRejected(),
                counts.duplicateRecords(), counts.items()), start,
                Map.of("snapshotId", committed.manifest().id().value(), "records", counts.records(),
                        "items", counts.items(), "incremental", committed.manifest().parent().isPresent()));
        return outcome;
    }

    /** Steps 3 and 6: more events, archived and produced. */
    PublishReport append(String step, double badFraction, Map<Integer, Long> publishedUntil) throws IOException {
        long start = System.nanoTime();
        GenerationReport written = generator.appendDemo(archive, badFraction);
        PublishReport published = publish(publishedUntil);
        steps.done(step, String.format("%,d more events archived and produced to Kafka (%,d records)",
                written.totalEvents(), published.records()), start,
                Map.of("events", written.totalEvents(),
                        "records", written.records(), "published", published.records()));
        return published;
    }

    /** Step 5. */
    RebuildOutcome rebuild(String table) throws Exception {
        long start = System.nanoTime();
        catalog.createIfMissing();
        SandboxCredentials credentials = servers.credentials();
        DynamoTarget target = new DynamoTarget(
                new DynamoConnection(servers.dynamoDbEndpoint().toString(), servers.region(), credentials.accessKeyId(),
                        credentials.secretAccessKey()),
                table, view.name(), WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
        RebuildOutcome outcome = new RebuildJob(spark, snapshots, catalog, leasing(), Clock.systemUTC())
                .run(new RebuildRequest(ARCHIVE, view.name(), Optional.empty(), target, false));
        steps.done("rebuild", String.format("%,d items into table %s in %,d BatchWriteItem calls; %s with the "
                + "handoff (last offset per partition) %s", outcome.writes().itemsWritten(), table,
                outcome.writes().writeCalls(), outcome.entry().status(), handoff(outcome.entry())), start,
                Map.of("items", outcome.writes().itemsWritten(), "writeCalls", outcome.writes().writeCalls(),
                        "status", outcome.entry().status().name()));
        return outcome;
    }

    /** Step 6: the live updater from the handoff, while more events are produced; until it has caught up. */
    LiveOutcome live(RebuildEntry entry, double badFraction, Map<Integer, Long> publishedUntil) throws Exception {
        long start = System.nanoTime();
        String group = entry.id().consumerGroup();
        LiveRuns runs = new LiveRuns(KafkaClients.of(servers.kafkaBootstrapServers()), dynamo, catalog, leasing());
        try (LiveRun run = runs.open(entry, Optional.empty(), new LiveOptions(false,
                LiveOptions.DEFAULT_MAX_IN_FLIGHT, Duration.ofSeconds(1), Duration.ofMillis(200)))) {
            CompletableFuture<LiveOutcome> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            PublishReport produced = append("produce", badFraction, publishedUntil);
            awaitCommitted(group, produced.lastOffsets(), running);
            run.stop(Duration.ofSeconds(30));
            LiveOutcome outcome = running.get(30, TimeUnit.SECONDS);
            steps.done("live", String.format("the live updater consumed %,d records while they were produced: "
                    + "%,d applied, %,d duplicates, %,d skipped, %,d dead letters; lag 0, entry %s",
                    outcome.counts().records(), outcome.counts().applied(), outcome.counts().duplicates(),
                    outcome.counts().skipped(), outcome.counts().totalDeadLettered(), outcome.entry().status()), start,
                    Map.of("records", outcome.counts().records(), "applied", outcome.counts().applied(),
                            "duplicates", outcome.counts().duplicates(), "status", outcome.entry().status().name()));
            return outcome;
        }
    }

    /** Until the updater's group has committed every produced offset (or it failed). */
    private void awaitCommitted(String group, Map<Integer, Long> lastOffsets, CompletableFuture<LiveOutcome> running)
            throws Exception {
        String topic = view.topics().iterator().next();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (Admin admin = KafkaClients.of(servers.kafkaBootstrapServers()).admin()) {
            while (System.nanoTime() < deadline) {
                if (running.isDone()) {
                    running.join(); // throws what stopped it
                    throw new IllegalStateException("the live updater stopped before it caught up");
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = lastOffsets.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata mark = committed.get(new TopicPartition(topic, e.getKey()));
                    return mark != null && mark.offset() > e.getValue();
                });
                if (caughtUp) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the live updater did not catch up within 3 minutes");
    }

    /** The archive's records from {@code from} (per partition, exclusive of what was published before) to Kafka. */
    private PublishReport publish(Map<Integer, Long> publishedUntil) throws IOException {
        PublishRequest request = PublishRequest.of(view.topics().iterator().next());
        if (!publishedUntil.isEmpty()) {
            Map<Integer, Long> from = new TreeMap<>();
            publishedUntil.forEach((partition, last) -> from.put(partition, last + 1));
            request = request.withFromOffsets(from);
        }
        return new ArchivePublisher(servers.kafkaBootstrapServers(), archive).publish(request);
    }

    /** {@code 0:5689 1:5694 …} for the view's topic. */
    private static String handoff(RebuildEntry entry) {
        StringBuilder text = new StringBuilder();
        entry.handoff().toJsonMap().values().forEach(partitions -> partitions.forEach((partition, offset) -> text
                .append(text.isEmpty() ? "" : " ").append(partition).append(':').append(offset)));
        return text.toString();
    }

    private static long totalRejected(GenerationReport report) {
        return report.rejected().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() throws IOException {
        spark.stop();
        dynamo.close();
        archive.close();
    }
}
