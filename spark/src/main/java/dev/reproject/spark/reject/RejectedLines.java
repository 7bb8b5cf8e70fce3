package dev.reproject.spark.reject;

import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.reject.RejectedRecord;
import dev.reproject.spark.archive.ArchiveLines;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Iterator;
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

    /**
     * Writes an empty rejected/ area to {@code dir} (replacing anything there) without a Spark job, for a run that
     * read nothing: the directory and its {@code _SUCCESS} marker, as Spark leaves them for no rows.
     */
    public static Map<RejectReason, Long> writeNone(Configuration conf, String dir) throws IOException {
        Path path = new Path(dir);
        FileSystem fs = path.getFileSystem(conf);
        fs.delete(path, true);
        fs.mkdirs(path);
        fs.create(new Path(path, "_SUCCESS"), true).close();
        return new EnumMap<>(RejectReason.class);
    }

    /** @param rejects file, line, offset, topic, partition, reason, detail */
    private static Dataset<Row> attach(SparkSession spark, String archiveRoot, Dataset<Row> rejects) {
        Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        return rejects.repartition(col("file")).sortWithinPartitions(col("file"), col("line"))
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new WithRawLines(rows, archiveRoot,
                        conf.value().value()), Encoders.row(SCHEMA));
    }

    /**
     * Streams rejects sorted by file and line, reading each file once, as a stream: a file's lines are read up to the
     * last one a reject needs. A file gone since it was scanned leaves its rejects without raw lines (each keeps its
     * detail); a failing store fails the task, as the scan does.
     */
    private static final class WithRawLines implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final String root;
        private final Configuration conf;
        private String file;
        private ArchiveLines lines;
        private long nextIndex;
        private ArchiveLines.Line last;

        WithRawLines(Iterator<Row> rows, String root, Configuration conf) {
            this.rows = rows;
            this.root = root;
            this.conf = conf;
        }

        @Override
        public boolean hasNext() {
            if (rows.hasNext()) {
                return true;
            }
            closeFile();
            return false;
        }

        @Override
        public Row next() {
            Row row = rows.next();
            String rowFile = row.getAs("file");
            long line = row.<Long>getAs("line");
            String raw;
            try {
                if (!rowFile.equals(file)) {
                    closeFile();
                    file = rowFile;
                    lines = ArchiveLines.open(root, file, conf);
                }
                raw = line >= 0 ? lineAt(line) : null;
            } catch (ArchiveLines.SourceException e) {
                closeFile();
                throw new UncheckedIOException(e.getMessage(), e);
            } catch (IOException e) {
                closeFile(); // gone or changed since it was scanned: the reject keeps its detail
                raw = null;
            }
            return RowFactory.create(file, line, row.getAs("offset"), row.getAs("topic"), row.getAs("partition"),
                    row.getAs("reason"), row.getAs("detail"), raw == null ? null : RejectedRecord.capRaw(raw));
        }

        /** Line {@code index} of the open file (indexes only grow within a file), or null past its end. */
        private String lineAt(long index) throws IOException {
            if (lines == null) {
                return null;
            }
            while (nextIndex <= index) {
                last = lines.next();
                nextIndex++;
                if (last == null) {
                    return null;
                }
            }
            return nextIndex - 1 == index && last != null ? last.text() : null;
        }

        private void closeFile() {
            if (lines != null) {
                try {
                    lines.close();
                } catch (IOException e) {
                    // what was needed is read
                }
            }
            lines = null;
            nextIndex = 0;
            last = null;
        }
    }
}
