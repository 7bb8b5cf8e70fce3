package dev.reproject.spark.snapshot;

import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.snapshot.SnapshotCounts;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotLayer;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.spark.fold.FoldRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The newest-row-per-key rule over a snapshot's layers, on Parquet layers in a local directory. */
class SnapshotRowsTest {

    private static final String VIEW = "v";
    private static final SnapshotId BASE = new SnapshotId("20261201T000000.000Z");
    private static final SnapshotId MIDDLE = new SnapshotId("20261202T000000.000Z");
    private static final SnapshotId TOP = new SnapshotId("20261203T000000.000Z");

    private static SparkSession spark;
    @TempDir
    Path root;
    private SnapshotStore store;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("SnapshotRowsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @BeforeEach
    void setUp() {
        store = new SnapshotStore(root.toUri(), spark.sparkContext().hadoopConfiguration());
    }

    @Test
    void each_key_reads_as_the_row_of_the_newest_layer_that_has_it() throws Exception {
        // a, b, c, d in the base; b and e rewritten in the middle layer; b and c again on top
        SnapshotLayer base = layer(BASE, "a", "a0", "b", "b0", "c", "c0", "d", "d0");
        SnapshotLayer middle = layer(MIDDLE, "b", "b1", "e", "e1");
        SnapshotLayer top = layer(TOP, "b", "b2", "c", "c2");
        SnapshotRows rows = SnapshotRows.open(spark, store, manifest(TOP, top, middle, base));

        assertThat(map(rows.all())).isEqualTo(Map.of("a", "a0", "b", "b2", "c", "c2", "d", "d0", "e", "e1"));
        Dataset<Row> keys = spark.createDataset(List.of("b", "d", "e", "z"), Encoders.STRING())
                .toDF("key");
        assertThat(map(rows.ofKeys(keys, true))).isEqualTo(Map.of("b", "b2", "d", "d0", "e", "e1"));
        assertThat(map(rows.ofKeys(keys, false))).isEqualTo(Map.of("b", "b2", "d", "d0", "e", "e1"));
        // the middle snapshot, read as it was committed: its own layers only
        assertThat(map(SnapshotRows.open(spark, store, manifest(MIDDLE, middle, base)).all()))
                .isEqualTo(Map.of("a", "a0", "b", "b1", "c", "c0", "d", "d0", "e", "e1"));
        assertThat(map(SnapshotRows.open(spark, store, manifest(BASE, base)).all()))
                .isEqualTo(Map.of("a", "a0", "b", "b0", "c", "c0", "d", "d0"));
    }

    @Test
    void a_missing_layer_is_an_error_naming_it() throws Exception {
        SnapshotLayer base = layer(BASE, "a", "a0");
        SnapshotLayer top = layer(TOP, "a", "a1");
        SnapshotManifest m = manifest(TOP, top, base);
        store.delete(VIEW, BASE);

        assertThatThrownBy(() -> SnapshotRows.open(spark, store, m)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("snapshot " + TOP + " of view v reads layer " + BASE)
                .hasMessageContaining(BASE + "/data), which is missing");
    }

    @Test
    void a_layer_whose_files_changed_is_an_error_naming_it() throws Exception {
        SnapshotLayer base = layer(BASE, "a", "a0");
        SnapshotLayer top = layer(TOP, "a", "a1");
        SnapshotManifest m = manifest(TOP, top, base);
        Path part;
        try (Stream<Path> files = Files.list(root.resolve(VIEW).resolve(BASE.value()).resolve("data"))) {
            part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Files.writeString(part, "not parquet");

        assertThatThrownBy(() -> SnapshotRows.open(spark, store, m)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reads layer " + BASE)
                .hasMessageContaining("whose data files hold 11 bytes where " + base.bytes() + " were written");
    }

    /** Writes a layer's rows (key, item pairs) as the snapshot {@code id}'s data. */
    private SnapshotLayer layer(SnapshotId id, String... keysAndItems) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < keysAndItems.length; i += 2) {
            rows.add(RowFactory.create(keysAndItems[i], keysAndItems[i + 1]));
        }
        String data = root.resolve(VIEW).resolve(id.value()).resolve(SnapshotManifest.DATA_DIR).toUri().toString();
        spark.createDataFrame(rows, FoldRows.SNAPSHOT_SCHEMA).coalesce(1).write().parquet(data);
        return new SnapshotLayer(id, rows.size(), store.dataBytes(data));
    }

    private static SnapshotManifest manifest(SnapshotId id, SnapshotLayer... layers) {
        return new SnapshotManifest(id, VIEW, "fp", Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"), "archive",
                new ArchivePosition(Watermark.empty(), Map.of()), List.of(),
                new SnapshotCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0), SnapshotManifest.DATA_DIR,
                SnapshotManifest.REJECTED_DIR, List.of(layers));
    }

    private static Map<String, String> map(Dataset<Row> rows) {
        Map<String, String> map = new TreeMap<>();
        for (Row row : rows.collectAsList()) {
            assertThat(map.put(row.getString(0), row.getString(1))).as("one row per key").isNull();
        }
        return map;
    }
}
