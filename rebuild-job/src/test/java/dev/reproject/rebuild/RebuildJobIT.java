package dev.reproject.rebuild;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.Views;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.reject.RejectedLines;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.reproject.rebuild.RebuildFixture.VIEW;
import static dev.reproject.rebuild.RebuildFixture.committed;
import static dev.reproject.rebuild.RebuildFixture.snapshotItems;
import static dev.reproject.rebuild.RebuildFixture.tableItems;
import static dev.reproject.rebuild.RebuildFixture.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rebuild job on dynalite: what lands in the table is exactly a full snapshot's rows of the same
 * archive, the catalog entry ends LOADED with the archive's watermark as handoff, and a second run of the
 * same rebuild gives the same table and entry. Records rejected beyond the snapshot are written to the
 * rebuild's rejected/ area. Tables of another view, tables a live updater wrote to and foreign tables with
 * items are refused before anything is written.
 */
@ExtendWith(LocalServersExtension.class)
class RebuildJobIT {

    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = RebuildFixture.spark("RebuildJobIT");
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
        SnapshotStore store = RebuildFixture.store(spark, dir);
        SnapshotJob snapshots = new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC());
        SnapshotManifest base = committed(snapshots.run(new SnapshotRequest(archive, "order-history", false, false)));
        // events archived after the snapshot: the rebuild folds them in
        GenerationReport appended = OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(1000).badFraction(0.02).append(true).build());

        InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.systemUTC());
        DynamoTarget target = target(servers, "rebuild-it", WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
        RebuildJob rebuild = new RebuildJob(spark, store, catalog, Leasing.inProcess(Clock.systemUTC()),
                Clock.systemUTC());
        RebuildRequest request = new RebuildRequest(archive, "order-history", Optional.of(base.id()), target, false);

        RebuildOutcome first = rebuild.run(request);

        // the expected rows: a full snapshot of the grown archive (what the fold gives, written by another path)
        SnapshotManifest full = committed(snapshots.run(new SnapshotRequest(archive, "order-history", true, false)));
        Set<Item> expected = snapshotItems(spark, store, full);
        assertThat(expected).hasSize(4000);
        assertThat(tableItems(target)).isEqualTo(expected);
        assertThat(first.entry().status()).isEqualTo(RebuildStatus.LOADED);
        assertThat(first.entry().handoff()).isEqualTo(full.position().watermark());
        assertThat(first.entry().snapshot()).isEqualTo(base.id());
        assertThat(first.writes().itemsWritten()).isEqualTo(4000);
        assertThat(first.writes().writeCalls()).isBetween(4000L / 25, 4000L / 25 + 8);
        // the records beyond the snapshot that were rejected: those the generator injected there, each written
        // with its reason and source to the rebuild's rejected/ area
        Map<RejectReason, Long> injected = new EnumMap<>(RejectReason.class);
        appended.rejected().forEach((reason, n) -> {
            if (n > 0) {
                injected.put(reason, n);
            }
        });
        assertThat(injected).isNotEmpty();
        assertThat(first.rejected()).isEqualTo(injected);
        assertThat(first.entry().counts().get("rejected")).isEqualTo(first.totalRejected());
        List<Row> written = spark.read().schema(RejectedLines.SCHEMA).json(first.rejectedDir()).collectAsList();
        assertThat(written).hasSize((int) first.totalRejected());
        assertThat(written).allSatisfy(row -> assertThat(row.<String>getAs("file")).isNotBlank());
        assertThat(written).filteredOn(row -> !row.<String>getAs("reason").equals("unreadable-file"))
                .allSatisfy(row -> assertThat(row.<String>getAs("raw")).isNotNull());

        RebuildOutcome again = rebuild.run(request);
        assertThat(tableItems(target)).isEqualTo(expected);
        assertThat(again.entry().id()).isEqualTo(first.entry().id());
        assertThat(again.entry().handoff()).isEqualTo(first.entry().handoff());
        assertThat(catalog.all()).hasSize(1);
        assertThat(again.rejected()).isEqualTo(first.rejected());
        assertThat(spark.read().schema(RejectedLines.SCHEMA).json(again.rejectedDir()).count())
                .as("a rerun replaces the rejected/ area").isEqualTo(first.totalRejected());
    }

    @Test
    void a_rebuild_from_a_layered_snapshot_loads_each_keys_newest_row(LocalServers servers, @TempDir Path dir)
            throws Exception {
        String archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive), GeneratorOptions.builder().orders(200).build());
        SnapshotStore store = RebuildFixture.store(spark, dir);
        RebuildFixture.snapshot(spark, store, archive);
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(40).append(true).build());
        SnapshotManifest layered = RebuildFixture.snapshot(spark, store, archive);
        assertThat(layered.layered()).as("a layer over the first snapshot").isTrue();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive), // beyond the snapshot: the rebuild folds them
                GeneratorOptions.builder().orders(30).append(true).build());

        RebuildOutcome loaded = rebuild(servers, dir, store, new InMemoryRebuildCatalog(Clock.systemUTC()),
                "rebuild-layered");

        SnapshotManifest full = committed(new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()),
                Clock.systemUTC()).run(new SnapshotRequest(archive, VIEW, true, false)));
        Set<Item> expected = snapshotItems(spark, store, full);
        assertThat(loaded.entry().snapshot()).isEqualTo(layered.id());
        assertThat(tableItems(target(servers, "rebuild-layered", WriteOptions.DEFAULT,
                DynamoTarget.ClientWrapper.NONE))).isEqualTo(expected);
        assertThat(loaded.writes().itemsWritten()).isEqualTo(expected.size());
    }

    @Test
    void refuses_a_table_that_holds_another_view(LocalServers servers, @TempDir Path dir) throws Exception {
        SnapshotStore store = smallSnapshot(dir);
        InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.systemUTC());
        catalog.begin(RebuildEntry.loading(RebuildId.of("refuse-other-view", new SnapshotId("20260101T000000.000Z")),
                "consumer-activity", "elsewhere", Watermark.empty(), Instant.now()));

        assertThatThrownBy(() -> rebuild(servers, dir, store, catalog, "refuse-other-view"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table refuse-other-view holds view consumer-activity")
                .hasMessageContaining("choose another --table");
        assertThat(tableExists(servers, "refuse-other-view")).as("nothing created").isFalse();
    }

    @Test
    void refuses_a_table_that_a_live_updater_wrote_to(LocalServers servers, @TempDir Path dir) throws Exception {
        SnapshotStore store = smallSnapshot(dir);
        InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.systemUTC());
        RebuildOutcome loaded = rebuild(servers, dir, store, catalog, "refuse-live");
        SourcePartition tp = new SourcePartition(TOPIC, 0);
        catalog.updateLive(loaded.entry().id(), Map.of(tp, new LivePosition(loaded.entry().handoff().next(tp), 0)));
        assertThat(catalog.get(loaded.entry().id()).orElseThrow().status()).isEqualTo(RebuildStatus.LIVE);

        assertThatThrownBy(() -> rebuild(servers, dir, store, catalog, "refuse-live"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a live updater has written to table refuse-live")
                .hasMessageContaining("would write older state back");
        assertThat(catalog.get(loaded.entry().id()).orElseThrow().status()).as("entry untouched")
                .isEqualTo(RebuildStatus.LIVE);
    }

    @Test
    void refuses_a_foreign_table_with_items_but_loads_an_empty_one(LocalServers servers, @TempDir Path dir)
            throws Exception {
        SnapshotStore store = smallSnapshot(dir);
        InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.systemUTC());
        TableSchema schema = Views.byName(VIEW).table();
        try (DynamoDbClient dynamo = dynamo(servers)) {
            dynamo.createTable(TableSchemas.createTableRequest("refuse-foreign", schema));
            TableWaits.untilExists(dynamo, "refuse-foreign");
            dynamo.putItem(
                    b -> b.tableName("refuse-foreign").item(Map.of("orderId", AttributeValue.fromS("not-ours"))));
            dynamo.createTable(TableSchemas.createTableRequest("accept-empty", schema));
            TableWaits.untilExists(dynamo, "accept-empty");
        }

        assertThatThrownBy(() -> rebuild(servers, dir, store, catalog, "refuse-foreign"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table refuse-foreign exists, holds items and was not loaded by reproject");
        assertThat(catalog.all()).isEmpty();

        RebuildOutcome loaded = rebuild(servers, dir, store, catalog, "accept-empty");
        assertThat(loaded.entry().status()).isEqualTo(RebuildStatus.LOADED);
        assertThat(loaded.writes().itemsWritten()).isEqualTo(200);
    }

    @Test
    void refuses_an_empty_table_whose_keys_are_not_the_views(LocalServers servers, @TempDir Path dir)
            throws Exception {
        SnapshotStore store = smallSnapshot(dir);
        InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.systemUTC());
        try (DynamoDbClient dynamo = dynamo(servers)) {
            dynamo.createTable(b -> b.tableName("refuse-keys")
                    .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("orderId")
                            .attributeType(ScalarAttributeType.N).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            TableWaits.untilExists(dynamo, "refuse-keys");
        }

        assertThatThrownBy(() -> rebuild(servers, dir, store, catalog, "refuse-keys"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the table refuse-keys does not fit view order-history")
                .hasMessageContaining("orderId is of type N");
        assertThat(catalog.all()).as("nothing recorded").isEmpty();
        try (DynamoDbClient dynamo = dynamo(servers)) {
            assertThat(dynamo.scan(b -> b.tableName("refuse-keys")).count()).as("nothing written").isZero();
        }
    }

    /** An archive of 200 orders and its snapshot. */
    private static SnapshotStore smallSnapshot(Path dir) throws Exception {
        OrderArchiveGenerator.generate(new LocalArchiveStore(dir.resolve("archive").toString()),
                GeneratorOptions.builder().orders(200).build());
        SnapshotStore store = RebuildFixture.store(spark, dir);
        RebuildFixture.snapshot(spark, store, dir.resolve("archive").toString());
        return store;
    }

    private static RebuildOutcome rebuild(LocalServers servers, Path dir, SnapshotStore store, RebuildCatalog catalog,
                                          String table)
            throws Exception {
        return new RebuildJob(spark, store, catalog, Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC())
                .run(new RebuildRequest(
                        dir.resolve("archive").toString(), VIEW, Optional.empty(),
                        target(servers, table, WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE), false));
    }

    private static DynamoDbClient dynamo(LocalServers servers) {
        return AwsClients.dynamoDb(target(servers, "any", WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE)
                .awsSettings());
    }

    private static boolean tableExists(LocalServers servers, String table) {
        try (DynamoDbClient dynamo = dynamo(servers)) {
            return dynamo.listTables().tableNames().contains(table);
        }
    }
}
