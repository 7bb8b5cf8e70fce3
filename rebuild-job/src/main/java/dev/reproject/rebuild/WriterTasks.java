package dev.reproject.rebuild;

import org.apache.spark.sql.Dataset;

/**
 * How the items are split into writer tasks: as many tasks as Spark runs at once, so that each writes all along and
 * a write rate shares out evenly. Items already in at least that many partitions (a snapshot's Parquet files, the
 * fold's output) are grouped into them where they are, without a shuffle; fewer partitions are spread by one.
 */
public final class WriterTasks {

    private WriterTasks() {
    }

    /** {@code items} in exactly {@code tasks} partitions. */
    public static <T> Dataset<T> split(Dataset<T> items, int tasks) {
        return items.rdd().getNumPartitions() >= tasks ? items.coalesce(tasks) : items.repartition(tasks);
    }
}
