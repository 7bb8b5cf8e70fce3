package dev.reproject.rebuild;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the items are split into writer tasks: as many tasks as Spark runs at once, so that each writes all along and
 * a write rate shares out evenly. Items already in at least that many partitions (a snapshot's Parquet files, the
 * fold's output) are grouped into them where they are, without a shuffle; fewer partitions are spread by one. The
 * query is planned once: its partitions are counted on the RDD the writers then run on.
 */
public final class WriterTasks {

    private WriterTasks() {
    }

    /** {@code items} in exactly {@code tasks} partitions. */
    public static JavaRDD<Row> split(Dataset<Row> items, int tasks) {
        JavaRDD<Row> rows = items.javaRDD();
        return rows.getNumPartitions() >= tasks ? rows.coalesce(tasks) : items.repartition(tasks).javaRDD();
    }
}
