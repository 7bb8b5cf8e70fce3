package dev.reproject.spark.reject;

import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.reject.RejectedRecord;
import dev.reproject.spark.archive.ArchiveLines;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * A job's rejected/ area (CONTRACT.md §3): the records the archive reader rejected and those the view or the fold
 * rejected, each with its source, reason and raw line, as JSON lines in one file. Shared by the snapshot and
 * rebuild jobs. Events do not carry their raw lines through the job, so the few files holding rejects found
 * after decoding are read again, each once.
 */
public final class RejectedLines {

    /** The rejected/ area's schema. */
    public static final StructType SCHEMA = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("line", DataTypes.LongType, false)
            .add("offset", DataTypes.LongType, false)
            .add("topic", DataTypes.StringType, false)
            .add("partition", DataTypes.IntegerType, false)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, false)
            .add("raw", DataTypes.StringType, true);

    private RejectedLines() {
    }

    /**
     * Writes (replacing anything there) the rejects of one run to {@code dir}.
     *
     * @param scanRejects the archive reader's rejects, raw lines included
     * @param foldRejects file, line, offset, topic, partition, reason, detail of rejects found after decoding
     * @return the count of what was written, by reason
     */
    public static Map<RejectReason, Long> write(SparkSession spark, String archiveRoot, Dataset<Row> scanRejects,
                                                Dataset<Row> foldRejects, String dir) {
        scanRejects.select(col("file"), col("line"), col("offset"), col("topic"), col("partition"),
                col("reason"), col("detail"), col("raw"))
                .unionByName(attach(spark, archiveRoot, foldRejects))
                .coalesce(1)
                .write().mode(SaveMode.Overwrite).json(dir);
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        for (Row row : spark.read().schema(SCHEMA).json(dir).groupBy(col("reason")).count().collectAsList()) {
            counts.put(RejectReason.fromCode(row.getString(0)), row.getLong(1));
        }
        return counts;
    }

    /** @param rejects file, line, offset, topic, partition, reason, detail */
    private static Dataset<Row> attach(SparkSession spark, String archiveRoot, Dataset<Row> rejects) {
        Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        return rejects.repartition(col("file")).sortWithinPartitions(col("file"), col("line"))
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new WithRawLines(rows, archiveRoot,
                        conf.value().value()), Encoders.row(SCHEMA));
    }

    /** Streams rejects sorted by file, reading each file once. */
    private static final class WithRawLines implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final String root;
        private final Configuration conf;
        private String file;
        private List<String> lines = List.of();

        WithRawLines(Iterator<Row> rows, String root, Configuration conf) {
            this.rows = rows;
            this.root = root;
            this.conf = conf;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Row next() {
            Row row = rows.next();
            String rowFile = row.getAs("file");
            if (!rowFile.equals(file)) {
                file = rowFile;
                try {
                    lines = ArchiveLines.read(root, file, conf);
                } catch (IOException e) {
                    lines = List.of(); // gone since it was read: the reject keeps its detail
                }
            }
            long line = row.<Long>getAs("line");
            String raw = line >= 0 && line < lines.size() ? RejectedRecord.capRaw(lines.get((int) line)) : null;
            return RowFactory.create(file, line, row.getAs("offset"), row.getAs("topic"), row.getAs("partition"),
                    row.getAs("reason"), row.getAs("detail"), raw);
        }
    }
}
