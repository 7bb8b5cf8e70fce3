package dev.reproject.snapshot;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.CompactionPolicy;
import dev.reproject.core.snapshot.SnapshotLayer;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.Views;
import dev.reproject.oracle.DynamoValues;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.snapshot.prune.PruneOutcome;
import dev.reproject.snapshot.prune.SnapshotPruner;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.recompute.Recomputation;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layered snapshots of the Order History view over a generated archive of a few hundred events (CONTRACT.md §5.5):
 * a full run, two layers, a compaction by the layer count and one asked for, each snapshot's rows equal to the
 * oracle's items for the archive as it was; the rebuild's read and fold of a layered snapshot too; and prune keeping
 * what a kept snapshot reads.
 */
class LayeredSnapshotIT {

    private static final String VIEW = "order-history";
    private static SparkSession spark;
    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("LayeredSnapshotIT")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void full_two_layers_and_compactions_each_equal_the_oracle_and_prune_keeps_what_a_kept_snapshot_reads()
            throws Exception {
        Path archive = dir.resolve("archive");
        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                spark.sparkContext().hadoopConfiguration());
        SnapshotJob job = new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC());
        CompactionPolicy threeLayers = new CompactionPolicy(3, 100);

        generate(archive, 150, false);
        SnapshotManifest full = run(job, archive, true, false, threeLayers);
        assertThat(full.layerIds()).containsExactly(full.id());
        assertEqualsOracle(store, full, archive);

        generate(archive, 12, true);
        SnapshotManifest first = run(job, archive, false, false, threeLayers);
        assertThat(first.layerIds()).containsExactly(first.id(), full.id());
        assertEqualsOracle(store, first, archive);
        // the layer holds the touched keys' rows only: far fewer than the snapshot's items
        assertThat(first.layers().get(0).rows()).isPositive().isLessThan(full.counts().items() / 2);
        assertThat(first.layers().get(1)).isEqualTo(full.layers().get(0));

        generate(archive, 12, true);
        SnapshotManifest second = run(job, archive, false, false, threeLayers);
        assertThat(second.layerIds()).containsExactly(second.id(), first.id(), full.id());
        assertEqualsOracle(store, second, archive);
        // the rebuild's and verify's read and fold of the layered snapshot: nothing archived beyond it
        try (Recomputation recomputed = Recomputation.of(spark, store, archive.toString(), Views.byName(VIEW),
                second, false, Clock.systemUTC())) {
            assertThat(recomputed.items().count()).isEqualTo(second.counts().items());
            assertSameItems(items(recomputed.items()), ExpectedOrderHistory.ofDirectory(archive).items());
        }
        // prune --keep 1 keeps the layers the newest reads
        PruneOutcome kept = prune(store, 1);
        assertThat(kept.deleted()).isEmpty();
        assertThat(kept.plan().layerOf()).containsOnlyKeys(full.id(), first.id());
        assertThat(kept.lines()).contains("  kept     " + first.id() + "  a layer of " + second.id());

        generate(archive, 12, true);
        SnapshotManifest compacted = run(job, archive, false, false, threeLayers); // its parent has 3 layers
        assertThat(compacted.layerIds()).containsExactly(compacted.id());
        assertThat(compacted.layers().get(0).rows()).isEqualTo(compacted.counts().items());
        assertEqualsOracle(store, compacted, archive);

        generate(archive, 12, true);
        SnapshotManifest layered = run(job, archive, false, false, threeLayers);
        assertThat(layered.layerIds()).containsExactly(layered.id(), compacted.id());
        PruneOutcome pruned = prune(store, 1);
        assertThat(pruned.deleted()).containsExactly(full.id(), first.id(), second.id());
        assertThat(pruned.plan().layerOf()).containsOnlyKeys(compacted.id());
        assertThat(store.committed(VIEW)).containsExactly(compacted.id(), layered.id());
        assertEqualsOracle(store, layered, archive);

        generate(archive, 12, true);
        SnapshotManifest forced = run(job, archive, false, true, CompactionPolicy.DEFAULT);
        assertThat(forced.layerIds()).containsExactly(forced.id());
        assertEqualsOracle(store, forced, archive);
        assertThat(prune(store, 1).deleted()).containsExactly(compacted.id(), layered.id());
        assertEqualsOracle(store, forced, archive);
    }

    private static void generate(Path archive, long orders, boolean append) throws IOException {
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive.toString()),
                GeneratorOptions.builder().orders(orders).append(append).build());
    }

    private static SnapshotManifest run(SnapshotJob job, Path archive, boolean full, boolean compact,
                                        CompactionPolicy policy)
            throws Exception {
        SnapshotOutcome outcome = job.run(new SnapshotRequest(archive.toString(), VIEW, full, false, false, compact,
                policy));
        assertThat(outcome).isInstanceOf(SnapshotOutcome.Committed.class);
        return ((SnapshotOutcome.Committed) outcome).manifest();
    }

    private static PruneOutcome prune(SnapshotStore store, int keep) throws Exception {
        return new SnapshotPruner(store, new InMemoryRebuildCatalog(Clock.systemUTC()),
                Leasing.inProcess(Clock.systemUTC())).prune(VIEW, keep, false);
    }

    /** The snapshot's rows, read through its layers, equal the oracle's items for the archive as it is now. */
    private static void assertEqualsOracle(SnapshotStore store, SnapshotManifest m, Path archive) throws Exception {
        Map<String, Map<String, AttributeValue>> rows = items(SnapshotRows.open(spark, store, m).all());
        Map<String, Map<String, AttributeValue>> expected = ExpectedOrderHistory.ofDirectory(archive).items();
        assertThat(m.counts().items()).as("the manifest's item count").isEqualTo(expected.size());
        assertThat(m.layers().stream().mapToLong(SnapshotLayer::rows).sum()).isGreaterThanOrEqualTo(expected.size());
        assertSameItems(rows, expected);
    }

    private static void assertSameItems(Map<String, Map<String, AttributeValue>> rows,
                                        Map<String, Map<String, AttributeValue>> expected) {
        assertThat(rows.keySet()).isEqualTo(expected.keySet());
        expected.forEach((order, item) -> assertThat(DynamoValues.sameItem(item, rows.get(order)))
                .as("order %s: expected %s, snapshot %s", order, item, rows.get(order)).isTrue());
    }

    /** Rows (key, item) by order id, as the SDK's attribute values; each key once. */
    private static Map<String, Map<String, AttributeValue>> items(Dataset<Row> rows) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        for (Row row : rows.collectAsList()) {
            Item item = DynamoJson.readItem(row.<String>getAs("item"));
            String order = ((AttrValue.S) item.get("orderId").orElseThrow()).value();
            assertThat(items.put(order, AttributeValues.toSdk(item))).as("one row for order %s", order).isNull();
        }
        return items;
    }

}
