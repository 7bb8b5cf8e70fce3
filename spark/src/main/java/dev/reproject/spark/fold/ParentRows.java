package dev.reproject.spark.fold;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A parent snapshot's rows (key, item) as the fold reads them: all of them, or those of some keys only. */
public interface ParentRows {

    /** One row per key. */
    Dataset<Row> all();

    /**
     * The rows of the given keys only (those the parent has), one per key.
     *
     * @param keys    one column {@code key}, distinct
     * @param fewKeys whether the keys are few enough to be broadcast
     */
    Dataset<Row> ofKeys(Dataset<Row> keys, boolean fewKeys);
}
