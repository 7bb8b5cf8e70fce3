package dev.reproject.rebuild;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What the rebuild ITs share: a local Spark session, targets on dynalite, and reading tables and snapshots. */
final class RebuildFixture {

    static final String VIEW = "order-history";

    private RebuildFixture() {
    }

    static SparkSession spark(String app) {
        return SparkSession.builder().master("local[2]").appName(app)
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    static DynamoTarget target(LocalServers servers, String table, WriteOptions write,
                               DynamoTarget.ClientWrapper wrap) {
        return new DynamoTarget(
                new DynamoConnection(servers.dynamoDbEndpoint().toString(), servers.region(),
                        servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()),
                table, VIEW, write, wrap);
    }

    /** A snapshot store under {@code dir/snapshots}. */
    static SnapshotStore store(SparkSession spark, Path dir) {
        return new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                spark.sparkContext().hadoopConfiguration());
    }

    /** A snapshot of the archive, continuing the store's latest; it must commit. */
    static SnapshotManifest snapshot(SparkSession spark, SnapshotStore store, String archive) throws Exception {
        return committed(new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC())
                .run(new SnapshotRequest(archive, VIEW, false, false)));
    }

    static SnapshotManifest committed(SnapshotOutcome outcome) {
        return ((SnapshotOutcome.Committed) outcome).manifest();
    }

    /** A committed snapshot's rows, as items. */
    static Set<Item> snapshotItems(SparkSession spark, SnapshotStore store, SnapshotManifest snapshot)
            throws IOException {
        return SnapshotRows.open(spark, store, snapshot).all().collectAsList().stream()
                .map(row -> DynamoJson.readItem(row.<String>getAs("item"))).collect(Collectors.toSet());
    }

    /** Everything in the table (consistent reads). */
    static Set<Item> tableItems(DynamoTarget target) {
        try (DynamoDbClient client = AwsClients.dynamoDb(target.awsSettings())) {
            Set<Item> items = new HashSet<>();
            client.scanPaginator(b -> b.tableName(target.table()).consistentRead(true)).items()
                    .forEach(item -> items.add(AttributeValues.toItem(item)));
            return items;
        }
    }

    static int tableCount(DynamoTarget target) {
        try (DynamoDbClient client = AwsClients.dynamoDb(target.awsSettings())) {
            return client.scanPaginator(b -> b.tableName(target.table()).select("COUNT").consistentRead(true)).stream()
                    .mapToInt(page -> page.count()).sum();
        }
    }
}
