package dev.reproject.rebuild.imports;

import dev.reproject.aws.dynamodb.write.WriteSummary.RejectedItem;
import dev.reproject.rebuild.WriterTasks;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The write phase of {@code rebuild --import}: the folded items as ImportTable's input, GZIP-compressed DynamoDB JSON
 * lines ({@link ImportLines}), one file {@code part-NNNNN.json.gz} per writer task under the directory, which is
 * emptied first (a rerun replaces an earlier run's files). Items over DynamoDB's 400 KB are left out, as the bulk
 * writer leaves them out.
 */
public final class ImportFiles {

    private ImportFiles() {
    }

    /**
     * What the files hold.
     *
     * @param items    items written
     * @param bytes    the files' bytes uncompressed (what ImportTable bills)
     * @param files    files written (a task with no item writes none)
     * @param tooLarge items left out as over 400 KB
     */
    public record Written(long items, long bytes, long files, List<RejectedItem> tooLarge) implements Serializable {

        public static final Written NONE = new Written(0, 0, 0, List.of());

        public Written {
            tooLarge = List.copyOf(tooLarge);
        }

        public Written plus(Written other) {
            List<RejectedItem> all = new ArrayList<>(tooLarge);
            all.addAll(other.tooLarge);
            return new Written(items + other.items, bytes + other.bytes, files + other.files, all);
        }
    }

    /** Writes {@code items} (rows of a key and an item, each in DynamoDB JSON) to {@code directory}. */
    public static Written write(SparkSession spark, Dataset<Row> items, String directory) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path dir = new Path(directory);
        dir.getFileSystem(conf).delete(dir, true);
        Broadcast<SerializableConfiguration> shared = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(conf));
        int tasks = spark.sparkContext().defaultParallelism();
        return WriterTasks.split(items, tasks).mapPartitions(new ImportFileTask(directory, shared)).collect().stream()
                .reduce(Written.NONE, Written::plus);
    }
}
