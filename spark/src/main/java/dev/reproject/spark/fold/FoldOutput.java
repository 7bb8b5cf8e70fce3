package dev.reproject.spark.fold;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the fold gives: the items (one row per view key: key, item), the records the view or the fold
 * rejected (without their raw lines), and the counts. {@link #close()} frees the cached stages.
 *
 * @param items      key, item — every key of the parent and of the new updates; for a snapshot layer
 *                   ({@link ViewFold.Output#TOUCHED_KEYS}) those of the new updates only
 * @param rejects    file, line, offset, topic, partition, reason, detail
 * @param applied    updates that changed an item
 * @param duplicates updates whose event ID was not beyond their aggregate's marker
 * @param skipped    events of types the view does not handle
 * @param parentRows the parent's rows folded with new updates (those of the keys the new events touch)
 * @param foldedRows the rows folded with new updates: the touched keys' items, without the parent's untouched ones
 */
public record FoldOutput(Dataset<Row> items, Dataset<Row> rejects, long applied, long duplicates, long skipped,
                         long parentRows, long foldedRows,
                         Runnable release) implements AutoCloseable {

    @Override
    public void close() {
        release.run();
    }
}
