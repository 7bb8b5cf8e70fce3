package dev.reproject.rebuild;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.aws.s3.S3Location;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.Views;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.rebuild.imports.LocalTableImport;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.reproject.rebuild.RebuildFixture.VIEW;
import static dev.reproject.rebuild.RebuildFixture.tableItems;
import static dev.reproject.rebuild.RebuildFixture.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rebuild --import} on the local servers, snapshots in S3Proxy: the files it writes, imported by {@link
 * LocalTableImport} (dynalite has no ImportTable), give a table equal to a normal rebuild's of the same snapshot and
 * archive, and the catalog entry the same LOADED handoff. A table that exists is refused before any work.
 */
@ExtendWith(LocalServersExtension.class)
class RebuildImportIT {

    private static final String BUCKET = "rebuild-import-it";

    private static SparkSession spark;
    private static Path dir;
    private static String archive;
    private static SnapshotStore store;
    private static SnapshotManifest snapshot;

    /** One snapshot of 300 orders in S3Proxy, and 100 more orders archived after it, for both tests. */
    @BeforeAll
    static void snapshotInS3(LocalServers servers) throws Exception {
        spark = RebuildFixture.spark("RebuildImportIT");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        S3aSettings.localDefaults().forEach(conf::set);
        new S3aSettings(Optional.of(servers.s3Endpoint()), servers.region(),
                Optional.of(servers.credentials().accessKeyId()),
                Optional.of(servers.credentials().secretAccessKey())).hadoopConf().forEach(conf::set);
        try (S3Client s3 = AwsClients.s3(settings(servers))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        dir = Files.createTempDirectory("rebuild-import-it");
        archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(300).badFraction(0.01).build());
        store = new SnapshotStore(ArchiveRoot.of("s3a://" + BUCKET + "/snapshots"),
                spark.sparkContext().hadoopConfiguration());
        snapshot = RebuildFixture.snapshot(spark, store, archive);
        // archived after the snapshot, with late transitions of its orders: both rebuilds fold them in
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(100).badFraction(0.01).append(true).build());
    }

    @AfterAll
    static void stopSpark() throws IOException {
        if (spark != null) {
            spark.stop();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void the_imported_table_equals_a_normal_rebuilds_and_the_entry_has_the_same_handoff(LocalServers servers)
            throws Exception {
        try (S3Client s3 = AwsClients.s3(settings(servers));
             DynamoDbClient dynamo = AwsClients.dynamoDb(settings(servers))) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, "import-it-catalog", Clock.systemUTC());
            RebuildJob job = new RebuildJob(spark, store, catalog, Leasing.inProcess(Clock.systemUTC()),
                    Clock.systemUTC());
            DynamoTarget written = target(servers, "written", WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
            DynamoTarget imported = target(servers, "imported", WriteOptions.DEFAULT,
                    DynamoTarget.ClientWrapper.NONE);

            RebuildPlan plan = new RebuildPlanner(spark, store, Clock.systemUTC())
                    .plan(request(archive, snapshot, imported), true);
            RebuildOutcome normal = job.run(request(archive, snapshot, written));
            RebuildOutcome viaImport = job.runImport(request(archive, snapshot, imported),
                    new LocalTableImport(s3, dynamo));

            Set<Item> expected = tableItems(written);
            assertThat(expected).hasSize(400);
            assertThat(tableItems(imported)).isEqualTo(expected);
            assertThat(TableSchemas.differences(dynamo.describeTable(b -> b.tableName("imported")).table(),
                    Views.byName(VIEW).table())).as("created with the view's keys and index").isEmpty();

            RebuildEntry entry = catalog.get(RebuildId.of("imported", snapshot.id())).orElseThrow();
            RebuildEntry normalEntry = catalog.get(normal.entry().id()).orElseThrow();
            assertThat(entry.status()).isEqualTo(RebuildStatus.LOADED);
            assertThat(entry.handoff()).isEqualTo(normalEntry.handoff()).isNotEqualTo(snapshot.position().watermark());
            assertThat(entry.counts()).containsEntry("items", 400L).containsEntry("writeCalls", 0L)
                    .containsEntry("importErrors", 0L).containsEntry("importProcessedItems", 400L)
                    .containsEntry("eventsApplied", normalEntry.counts().get("eventsApplied"))
                    .containsEntry("rejected", normalEntry.counts().get("rejected"));

            assertThat(viaImport.imported()).isPresent();
            assertThat(viaImport.imported().get().files().items()).isEqualTo(400);
            S3Location files = S3Location.parse(store.rebuildDirectory(VIEW, entry.id().value()) + "/import");
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(files.prefix() + "/"))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(keys).isNotEmpty().allMatch(key -> key.matches(".*/import/part-\\d{5}\\.json\\.gz"));
            assertThat(viaImport.imported().get().files().bytes()).as("the files' bytes uncompressed, as read")
                    .isEqualTo(viaImport.imported().get().result().processedBytes())
                    .as("as the dry run said").isEqualTo(plan.load().importBytes());
        }
    }

    @Test
    void an_existing_table_is_refused_before_any_work(LocalServers servers) throws Exception {
        try (S3Client s3 = AwsClients.s3(settings(servers));
             DynamoDbClient dynamo = AwsClients.dynamoDb(settings(servers))) {
            dynamo.createTable(TableSchemas.createTableRequest("there-already", Views.byName(VIEW).table()));
            TableWaits.untilExists(dynamo, "there-already");
            DynamoCatalog catalog = new DynamoCatalog(dynamo, "import-it-catalog", Clock.systemUTC());
            RebuildJob job = new RebuildJob(spark, store, catalog, Leasing.inProcess(Clock.systemUTC()),
                    Clock.systemUTC());
            DynamoTarget existing = target(servers, "there-already", WriteOptions.DEFAULT,
                    DynamoTarget.ClientWrapper.NONE);

            assertThatThrownBy(() -> job.runImport(request(archive, snapshot, existing),
                    new LocalTableImport(s3, dynamo)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("table there-already exists: rebuild --import creates its table");
            assertThat(catalog.entriesForTable("there-already")).as("no entry").isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("snapshots/" + VIEW + "/rebuilds/"
                    + RebuildId.of("there-already", snapshot.id()).value())).contents()).as("no file").isEmpty();
        }
    }

    private static RebuildRequest request(String archive, SnapshotManifest snapshot, DynamoTarget target) {
        return new RebuildRequest(archive, VIEW, Optional.of(snapshot.id()), target, false);
    }

    private static AwsSettings settings(LocalServers servers) {
        return new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.of(servers.s3Endpoint()),
                servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                        servers.credentials().secretAccessKey());
    }
}
