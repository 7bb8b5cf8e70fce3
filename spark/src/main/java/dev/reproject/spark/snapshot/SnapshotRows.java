package dev.reproject.spark.snapshot;

import dev.reproject.core.snapshot.SnapshotLayer;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.spark.fold.FoldRows;
import dev.reproject.spark.fold.ParentRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

/**
 * A committed snapshot's rows (key, item), read from its layers (CONTRACT.md §5.5): for each key, the row of the
 * newest layer that has one. Every reader of a snapshot's rows reads them here; opening checks that each layer is
 * there whole ({@link SnapshotStore#checkLayers}), naming the one that is not.
 */
public final class SnapshotRows implements ParentRows {

    /** Keys (JSON strings of a few dozen bytes) a broadcast may hold: some tens of MB. */
    static final long MAX_BROADCAST_ROWS = 1_000_000;

    private final SnapshotManifest snapshot;
    /** newest first, as the manifest lists them */
    private final List<Dataset<Row>> layers;

    private SnapshotRows(SnapshotManifest snapshot, List<Dataset<Row>> layers) {
        this.snapshot = snapshot;
        this.layers = layers;
    }

    /** @throws IllegalStateException when a layer is missing or not the one its manifest recorded, naming it */
    public static SnapshotRows open(SparkSession spark, SnapshotStore store, SnapshotManifest snapshot)
            throws IOException {
        store.checkLayers(snapshot);
        List<Dataset<Row>> layers = new ArrayList<>();
        for (SnapshotLayer layer : snapshot.layers()) {
            layers.add(spark.read().schema(FoldRows.SNAPSHOT_SCHEMA).parquet(store.layerDirectory(snapshot, layer)));
        }
        return new SnapshotRows(snapshot, layers);
    }

    public SnapshotManifest snapshot() {
        return snapshot;
    }

    /**
     * Every key's newest row. The base is not shuffled: its rows whose keys a newer layer has are filtered out where
     * they are read (the newer layers' keys broadcast while they are few), and the newer layers' own newest rows
     * added.
     */
    @Override
    public Dataset<Row> all() {
        if (layers.size() == 1) {
            return layers.get(0);
        }
        Dataset<Row> base = layers.get(layers.size() - 1);
        Dataset<Row> newer = newestPerKey(layers.subList(0, layers.size() - 1));
        long newerRows = snapshot.layers().subList(0, layers.size() - 1).stream().mapToLong(SnapshotLayer::rows).sum();
        Dataset<Row> newerKeys = newer.select(col("key"));
        if (newerRows <= MAX_BROADCAST_ROWS) {
            newerKeys = broadcast(newerKeys);
        }
        return base.join(newerKeys, base.col("key").equalTo(newerKeys.col("key")), "left_anti").unionByName(newer);
    }

    /**
     * The newest rows of the given keys only (those the snapshot has): each layer is filtered by the keys where it
     * is read, so that only their rows meet.
     *
     * @param keys     one column {@code key}, distinct
     * @param fewKeys  whether the keys are few enough to be broadcast
     */
    @Override
    public Dataset<Row> ofKeys(Dataset<Row> keys, boolean fewKeys) {
        Dataset<Row> shared = fewKeys ? broadcast(keys) : keys;
        List<Dataset<Row>> hits = new ArrayList<>();
        for (Dataset<Row> layer : layers) {
            hits.add(layer.join(shared, layer.col("key").equalTo(shared.col("key")), "left_semi"));
        }
        return hits.size() == 1 ? hits.get(0) : newestPerKey(hits);
    }

    /** For each key, the row of the first (newest) layer given that has it. */
    private static Dataset<Row> newestPerKey(List<Dataset<Row>> newestFirst) {
        if (newestFirst.size() == 1) {
            return newestFirst.get(0);
        }
        Dataset<Row> tagged = null;
        for (int i = 0; i < newestFirst.size(); i++) {
            Dataset<Row> layer = newestFirst.get(i).select(col("key"), lit(i).as("layer"), col("item"));
            tagged = tagged == null ? layer : tagged.unionByName(layer);
        }
        Column newest = min(struct(col("layer"), col("item"))).as("newest");
        return tagged.groupBy(col("key")).agg(newest).select(col("key"), col("newest.item").as("item"));
    }
}
