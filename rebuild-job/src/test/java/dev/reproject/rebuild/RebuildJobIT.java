package dev.reproject.rebuild;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.snapshot.fold.FoldRows;
import dev.reproject.snapshot.store.SnapshotStore;
import dev.reproject.spark.ArchiveRoot;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild job on dynalite: what lands in the table is exactly a full snapshot's rows of the same
 * archive, the catalog entry ends LOADED with the archive's watermark as handoff, and a second run of the
 * same rebuild gives the same table and entry.
 */
@ExtendWith(LocalServersExtension.class)
class RebuildJobIT {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("RebuildJobIT")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void the_table_holds_exactly_the_folded_items_and_the_catalog_the_handoff(LocalServers servers, @TempDir Path dir)
            throws Exception {
        String archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive), GeneratorOptions.builder().orders(3000)
                .badFraction(0.01).build());
        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                spark.sparkContext().hadoopConfiguration());
        SnapshotJob snapshots = new SnapshotJob(spark, store, Clock.systemUTC());
        SnapshotManifest base = committed(snapshots.run(new SnapshotRequest(archive, "order-history", false, false)));
        // events archived after the snapshot: the rebuild folds them in
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive), GeneratorOptions.builder().orders(1000)
                .append(true).build());

        InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.systemUTC());
        DynamoTarget target = new DynamoTarget(servers.dynamoDbEndpoint().toString(), servers.region(),
                servers.credentials().accessKeyId(), servers.credentials().secretAccessKey(), "rebuild-it",
                "order-history", WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
        RebuildJob rebuild = new RebuildJob(spark, store, catalog, Clock.systemUTC());
        RebuildRequest request = new RebuildRequest(archive, "order-history", Optional.of(base.id()), target, false);

        RebuildOutcome first = rebuild.run(request);

        // the expected rows: a full snapshot of the grown archive (what the fold gives, written by another path)
        SnapshotManifest full = committed(snapshots.run(new SnapshotRequest(archive, "order-history", true, false)));
        Set<Item> expected = spark.read().schema(FoldRows.SNAPSHOT_SCHEMA)
                .parquet(store.directory("order-history", full.id()) + "/" + full.data()).collectAsList().stream()
                .map(row -> DynamoJson.readItem(row.<String>getAs("item"))).collect(Collectors.toSet());
        assertThat(expected).hasSize(4000);
        assertThat(tableItems(target)).isEqualTo(expected);
        assertThat(first.entry().status()).isEqualTo(RebuildStatus.LOADED);
        assertThat(first.entry().handoff()).isEqualTo(full.position().watermark());
        assertThat(first.entry().snapshot()).isEqualTo(base.id());
        assertThat(first.writes().itemsWritten()).isEqualTo(4000);
        assertThat(first.writes().writeCalls()).isBetween(4000L / 25, 4000L / 25 + 8);

        RebuildOutcome again = rebuild.run(request);
        assertThat(tableItems(target)).isEqualTo(expected);
        assertThat(again.entry().id()).isEqualTo(first.entry().id());
        assertThat(again.entry().handoff()).isEqualTo(first.entry().handoff());
        assertThat(catalog.all()).hasSize(1);
    }

    private static SnapshotManifest committed(SnapshotOutcome outcome) {
        return ((SnapshotOutcome.Committed) outcome).manifest();
    }

    private static Set<Item> tableItems(DynamoTarget target) {
        try (DynamoDbClient client = AwsClients.dynamoDb(target.awsSettings())) {
            Set<Item> items = new HashSet<>();
            client.scanPaginator(b -> b.tableName(target.table()).consistentRead(true)).items()
                    .forEach(item -> items.add(AttributeValues.toItem(item)));
            return items;
        }
    }
}
