package dev.reproject.spark.fold;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The fold of the snapshot and rebuild jobs: parent items + events (in offset order per aggregate) →
 * items, by the view's updates and the in-memory {@link dev.reproject.core.item.UpdateFold}. Only the
 * parent rows whose keys the new events touch are shuffled; the rest pass through unchanged, or are left out when
 * only the touched keys' rows are wanted (a snapshot layer). The view runs once per event in a full run; in an
 * incremental one, also once more to find the keys touched.
 */
public final class ViewFold {

    private static final Encoder<Row> FOLD_ROWS = Encoders.row(FoldRows.SCHEMA);
    /** Keys (JSON strings of a few dozen bytes) a broadcast may hold: some tens of MB. */
    private static final long MAX_BROADCAST_KEYS = 1_000_000;

    private ViewFold() {
    }

    /** Which rows the fold gives. */
    public enum Output {
        /** Every key's: the parent's untouched rows too (a full or compacted snapshot, a rebuild). */
        EVERY_KEY,
        /** The keys the new events touch only: a snapshot layer (CONTRACT.md §5.5). */
        TOUCHED_KEYS
    }

    /** Every key's rows. */
    public static FoldOutput fold(Dataset<Row> events, Optional<? extends ParentRows> parent, String viewName) {
        return fold(events, parent, viewName, Output.EVERY_KEY);
    }

    /**
     * @param events the archive scan's events (id, type, aggregateType, aggregateId, eventTime, payload,
     *               topic, partition, offset, file, line)
     * @param parent the parent snapshot's rows (key, item), if any
     * @param output which rows {@link FoldOutput#items()} holds
     */
    public static FoldOutput fold(Dataset<Row> events, Optional<? extends ParentRows> parent, String viewName,
                                  Output output) {
        Dataset<Row> stage1 = events.mapPartitions(new EventUpdates(viewName), FOLD_ROWS);
        if (parent.isEmpty()) {
            return foldUpdates(stage1, parent, viewName, output);
        }
        // read twice (the touched keys, then the fold): decoded once
        Dataset<Row> decoded = stage1.persist(StorageLevel.MEMORY_AND_DISK());
        FoldOutput folded = foldUpdates(decoded, parent, viewName, output);
        return new FoldOutput(folded.items(), folded.rejects(), folded.applied(), folded.duplicates(),
                folded.skipped(), folded.parentRows(), folded.foldedRows(), () -> {
                    folded.close();
                    decoded.unpersist();
                });
    }

    /**
     * @param stage1 the events' updates, skips and the view's rejects in {@link FoldRows#SCHEMA}: the records of a
     *               scan in the {@link ScannedUpdates} layout (cached by the scan: read twice when there is a parent)
     * @param parent the parent snapshot's rows (key, item), if any
     * @param output which rows {@link FoldOutput#items()} holds
     */
    public static FoldOutput foldUpdates(Dataset<Row> stage1, Optional<? extends ParentRows> parent, String viewName,
                                         Output output) {
        Dataset<Row> foldInput = stage1;
        Optional<Dataset<Row>> untouched = Optional.empty();
        List<Dataset<Row>> cached = new ArrayList<>();
        long parentRowsFolded = 0;
        if (parent.isPresent()) {
            Dataset<Row> touchedKeys = stage1.filter(col("kind").equalTo(FoldRows.UPDATE)).select(col("key")).distinct()
                    .persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(touchedKeys);
            // the usual incremental run: few keys touched; the parent's rows are then filtered where they are read
            // instead of being shuffled
            boolean fewKeys = touchedKeys.count() <= MAX_BROADCAST_KEYS;
            Dataset<Row> touchedParent = parent.get().ofKeys(touchedKeys, fewKeys)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(touchedParent);
            parentRowsFolded = touchedParent.count();
            if (output == Output.EVERY_KEY) {
                Dataset<Row> all = parent.get().all();
                Dataset<Row> keys = fewKeys ? broadcast(touchedKeys) : touchedKeys;
                untouched = Optional.of(all.join(keys, all.col("key").equalTo(keys.col("key")), "left_anti"));
            }
            foldInput = stage1.unionByName(asBaseRows(touchedParent));
        }
        Dataset<Row> folded = foldInput
                .withColumn("order", when(col("kind").equalTo(FoldRows.BASE), 0).otherwise(1))
                .repartition(col("key"))
                .sortWithinPartitions(col("key"), col("order"), col("topic"), col("partition"), col("offset"))
                .drop("order")
                .mapPartitions(new KeyFold(viewName), FOLD_ROWS)
                .persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(folded);
        Row stats = folded.filter(col("kind").isin(FoldRows.STAT, FoldRows.ITEM))
                .agg(sum(col("applied")), sum(col("duplicates")), sum(col("skipped")),
                        sum(when(col("kind").equalTo(FoldRows.ITEM), 1L).otherwise(0L)))
                .first();

        Dataset<Row> items = folded.filter(col("kind").equalTo(FoldRows.ITEM)).select(col("key"),
                col("body").as("item"));
        if (untouched.isPresent()) {
            items = items.unionByName(untouched.get().select(col("key"), col("item")));
        }
        Dataset<Row> rejects = folded.filter(col("kind").equalTo(FoldRows.REJECT)).select(col("file"), col("line"),
                col("offset"), col("topic"), col("partition"), col("reason"), col("detail"));
        return new FoldOutput(items, rejects, count(stats, 0), count(stats, 1), count(stats, 2), parentRowsFolded,
                count(stats, 3),
                () -> cached.forEach(Dataset::unpersist));
    }

    private static long count(Row stats, int column) {
        return stats.isNullAt(column) ? 0 : stats.getLong(column);
    }

    /** Parent rows (key, item) in the fold's row schema. */
    private static Dataset<Row> asBaseRows(Dataset<Row> parent) {
        Column[] columns = Arrays.stream(FoldRows.SCHEMA.fields()).map(ViewFold::baseColumn).toArray(Column[]::new);
        return parent.select(columns);
    }

    private static Column baseColumn(StructField field) {
        return switch (field.name()) {
            case "kind" -> lit(FoldRows.BASE).as("kind");
            case "key" -> col("key");
            case "body" -> col("item").as("body");
            default -> lit(null).cast(field.dataType()).as(field.name());
        };
    }
}
