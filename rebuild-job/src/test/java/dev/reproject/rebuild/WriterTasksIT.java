package dev.reproject.rebuild;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WriterTasksIT {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = RebuildFixture.spark("WriterTasksIT");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** 0…999 read in {@code partitions} partitions, no shuffle. */
    private static Dataset<Row> numbers(int partitions) {
        return spark.range(0, 1_000, 1, partitions).toDF();
    }

    private static int shuffles(JavaRDD<Row> rows) {
        return rows.toDebugString().split("Shuffled", -1).length - 1;
    }

    @Test
    void items_in_more_partitions_than_tasks_are_grouped_into_them_without_a_shuffle() {
        Dataset<Row> items = numbers(7);

        JavaRDD<Row> split = WriterTasks.split(items, 2);

        assertThat(split.getNumPartitions()).isEqualTo(2);
        assertThat(shuffles(items.javaRDD())).isZero();
        assertThat(shuffles(split)).as("shuffles").isZero();
        assertThat(split.collect()).containsExactlyInAnyOrderElementsOf(items.collectAsList());
    }

    @Test
    void items_in_fewer_partitions_than_tasks_are_spread_by_one_shuffle() {
        Dataset<Row> items = numbers(1);

        JavaRDD<Row> split = WriterTasks.split(items, 3);

        assertThat(split.getNumPartitions()).isEqualTo(3);
        assertThat(shuffles(items.javaRDD())).isZero();
        assertThat(shuffles(split)).as("shuffles").isEqualTo(1);
        List<Row> all = split.collect();
        assertThat(all).hasSize(1_000).doesNotHaveDuplicates();
    }
}
