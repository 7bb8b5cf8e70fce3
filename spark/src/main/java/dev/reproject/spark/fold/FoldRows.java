package dev.reproject.spark.fold;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows between the fold's stages. One schema for all kinds keeps each stage one dataset:
 * <ul>
 *   <li>{@code BASE}: a parent snapshot row (key, item JSON), folded first;</li>
 *   <li>{@code UPDATE}: an event's update (key, update in {@link dev.reproject.core.item.UpdateBinary} form)
 *       with the event's position;</li>
 *   <li>{@code REJECT}: a record the view or the fold could not use (reason, detail, position);</li>
 *   <li>{@code SKIP}: an event of a type the view does not handle (position only);</li>
 *   <li>{@code ITEM}: a folded item (key, item JSON);</li>
 *   <li>{@code STAT}: per task, how many updates were applied, were duplicates, and events skipped.</li>
 * </ul>
 * Rows of an event that has no view key (SKIP, a REJECT by the view) get one of their own made from their
 * position, {@link #positionKey}, so that they spread over the fold's tasks like the rest.
 */
public final class FoldRows {

    public static final String BASE = "BASE";
    public static final String UPDATE = "UPDATE";
    public static final String REJECT = "REJECT";
    public static final String SKIP = "SKIP";
    public static final String ITEM = "ITEM";
    public static final String STAT = "STAT";

    public static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("key", DataTypes.StringType, true)
            // BASE/ITEM: the item in DynamoDB JSON
            .add("body", DataTypes.StringType, true)
            // UPDATE: the update
            .add("update", DataTypes.BinaryType, true)
            // the event's position (BASE: none)
            .add("topic", DataTypes.StringType, true)
            .add("partition", DataTypes.IntegerType, true)
            .add("offset", DataTypes.LongType, true)
            .add("file", DataTypes.StringType, true)
            .add("line", DataTypes.LongType, true)
            // REJECT
            .add("reason", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true)
            // STAT
            .add("applied", DataTypes.LongType, true)
            .add("duplicates", DataTypes.LongType, true)
            .add("skipped", DataTypes.LongType, true);

    /** The data files' schema: one row per view key. */
    public static final StructType SNAPSHOT_SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("item", DataTypes.StringType, false);

    private FoldRows() {
    }

    static Row update(String key, byte[] update, Row event) {
        return RowFactory.create(UPDATE, key, null, update, event.getAs("topic"), event.getAs("partition"),
                event.getAs("offset"), event.getAs("file"), event.getAs("line"), null, null, null, null, null);
    }

    /** Sorts before every real key (DynamoDB JSON starts with "{"), and never equals one. */
    static String positionKey(Row event) {
        return "\u0000" + event.getAs("topic") + "/" + event.getAs("partition") + "/" + event.getAs("offset");
    }

    static Row skip(Row event) {
        return RowFactory.create(SKIP, positionKey(event), null, null, event.getAs("topic"), event.getAs("partition"),
                event.getAs("offset"), event.getAs("file"), event.getAs("line"), null, null, null, null, null);
    }

    static Row reject(Row at, String reason, String detail) {
        return RowFactory.create(REJECT, at.<String>getAs("key"), null, null, at.getAs("topic"), at.getAs("partition"),
                at.getAs("offset"), at.getAs("file"), at.getAs("line"), reason, detail, null, null, null);
    }

    static Row rejectEvent(Row event, String reason, String detail) {
        return RowFactory.create(REJECT, positionKey(event), null, null, event.getAs("topic"), event.getAs("partition"),
                event.getAs("offset"), event.getAs("file"), event.getAs("line"), reason, detail, null, null, null);
    }

    static Row item(String key, String item) {
        return RowFactory.create(ITEM, key, item, null, null, null, null, null, null, null, null, null, null, null);
    }

    static Row stat(long applied, long duplicates, long skipped) {
        return RowFactory.create(STAT, null, null, null, null, null, null, null, null, null, null, applied, duplicates,
                skipped);
    }
}
