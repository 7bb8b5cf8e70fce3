package dev.reproject.snapshot.fold;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The fold of the snapshot and rebuild jobs: parent items + events (in offset order per aggregate) →
 * items, by the view's updates and the in-memory {@link dev.reproject.core.item.UpdateFold}. Only the
 * parent rows whose keys the new events touch are shuffled; the rest pass through unchanged.
 */
public final class ViewFold {

    private static final Encoder<Row> FOLD_ROWS = Encoders.row(FoldRows.SCHEMA);

    private ViewFold() {
    }

    /**
     * @param events the archive scan's events (id, type, aggregateType, aggregateId, eventTime, payload,
     *               topic, partition, offset, file, line)
     * @param parent the parent snapshot's rows (key, item), if any
     */
    public static FoldOutput fold(Dataset<Row> events, Optional<Dataset<Row>> parent, String viewName) {
        Dataset<Row> stage1 = events.mapPartitions(new EventUpdates(viewName), FOLD_ROWS)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> kinds = stage1.groupBy(col("kind")).count().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        Dataset<Row> updates = stage1.filter(col("kind").equalTo(FoldRows.UPDATE));

        Dataset<Row> foldInput = updates;
        Optional<Dataset<Row>> untouched = Optional.empty();
        if (parent.isPresent()) {
            Dataset<Row> touchedKeys = updates.select(col("key")).distinct();
            Dataset<Row> touched = parent.get().join(touchedKeys, parent.get().col("key").equalTo(touchedKeys.col("key")),
                    "left_semi");
            untouched = Optional.of(parent.get().join(touchedKeys,
                    parent.get().col("key").equalTo(touchedKeys.col("key")), "left_anti"));
            foldInput = updates.unionByName(asBaseRows(touched));
        }
        Dataset<Row> folded = foldInput
                .withColumn("order", when(col("kind").equalTo(FoldRows.BASE), 0).otherwise(1))
                .repartition(col("key"))
                .sortWithinPartitions(col("key"), col("order"), col("topic"), col("partition"), col("offset"))
                .drop("order")
                .mapPartitions(new KeyFold(viewName), FOLD_ROWS)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row stats = folded.filter(col("kind").equalTo(FoldRows.STAT))
                .agg(sum(col("applied")), sum(col("duplicates"))).first();

        Dataset<Row> items = folded.filter(col("kind").equalTo(FoldRows.ITEM)).select(col("key"), col("body").as("item"));
        if (untouched.isPresent()) {
            items = items.unionByName(untouched.get().select(col("key"), col("item")));
        }
        Column[] rejectColumns = {col("file"), col("line"), col("offset"), col("topic"), col("partition"),
            col("reason"), col("detail")};
        Dataset<Row> rejects = stage1.filter(col("kind").equalTo(FoldRows.REJECT)).select(rejectColumns)
                .unionByName(folded.filter(col("kind").equalTo(FoldRows.REJECT)).select(rejectColumns));
        return new FoldOutput(items, rejects, stats.isNullAt(0) ? 0 : stats.getLong(0),
                stats.isNullAt(1) ? 0 : stats.getLong(1), kinds.getOrDefault(FoldRows.SKIP, 0L), () -> {
                    folded.unpersist();
                    stage1.unpersist();
                });
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
