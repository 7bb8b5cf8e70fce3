package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.archive.FileRead;
import dev.reproject.core.archive.FileSelection;
import dev.reproject.core.archive.FileSpan;
import dev.reproject.core.archive.Hole;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.archive.PartitionProgress;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.spark.progress.JobCounters;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;

/**
 * Reads the event archive with Spark (CONTRACT.md §3): lists the topics' files, opens only those that may hold
 * records beyond an earlier position, reads each file whole in one task (exact offsets; a corrupt file is
 * one reject, not a failed job), then takes each offset once and stops a partition at a hole.
 */
public final class ArchiveReader {

    private static final Logger log = LoggerFactory.getLogger(ArchiveReader.class);
    private final SparkSession spark;
    private final URI root;
    private final Clock clock;

    public ArchiveReader(SparkSession spark, URI root, Clock clock) {
        this.spark = spark;
        this.root = root;
        this.clock = clock;
    }

    public ArchiveReader(SparkSession spark, URI root) {
        this(spark, root, Clock.systemUTC());
    }

    /**
     * @param topics    the topics to read (others are neither listed nor opened where the layout allows)
     * @param from      where earlier runs stopped ({@link ArchivePosition#beginning()} for a full read)
     * @param allowGaps pass holes instead of stopping a partition at them
     */
    public ArchiveScan scan(Collection<String> topics, ArchivePosition from, boolean allowGaps) throws IOException {
        return scan(topics, from, allowGaps, ScannedLine.EVENTS);
    }

    /**
     * @param layout what the scan keeps of each event: {@link ArchiveScan#records()} are its
     *               {@link ScanLayout#takenColumns()}
     */
    public ArchiveScan scan(Collection<String> topics, ArchivePosition from, boolean allowGaps, ScanLayout layout)
            throws IOException {
        Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
        Map<SourcePartition, List<ArchiveFile>> listed = new ArchiveListing(root, hadoopConf).list(topics);

        List<ArchiveFile> toOpen = new ArrayList<>();
        long filesListed = 0;
        long filesCovered = 0;
        for (Map.Entry<SourcePartition, List<ArchiveFile>> partition : listed.entrySet()) {
            SourcePartition tp = partition.getKey();
            FileSelection selection = FileSelection.select(partition.getValue(), from.offset(tp), from.knownFiles(tp),
                    from.knownDigest(tp));
            if (selection.digestMismatch()) {
                log.warn("archive {}: the files of {} starting at or below offset {} are not the {} the earlier run "
                        + "listed (a file appeared or vanished there): opening them again", root, tp,
                        from.knownDigest(tp).orElseThrow().through(), from.knownDigest(tp).orElseThrow().count());
            }
            toOpen.addAll(selection.toOpen());
            filesListed += partition.getValue().size();
            filesCovered += selection.covered().size();
        }
        log.info("archive {}: {} files listed in {} partitions, {} covered by the earlier position, {} to open",
                root, filesListed, listed.size(), filesCovered, toOpen.size());

        Dataset<Row> scanned = readFiles(toOpen, hadoopConf, layout).persist(StorageLevel.MEMORY_AND_DISK());
        // nothing to open (nothing archived beyond the position): no Spark action to learn that nothing was read
        Map<SourcePartition, List<FileRead>> reads = toOpen.isEmpty() ? Map.of() : fileReads(scanned);

        Watermark watermark = from.watermark();
        Map<SourcePartition, FileSpan> lastFiles = new HashMap<>(from.lastFiles());
        Map<String, OffsetRange> taken = new HashMap<>();
        List<Hole> holes = new ArrayList<>();
        long duplicates = 0;
        long deferred = 0;
        for (Map.Entry<SourcePartition, List<FileRead>> partition : reads.entrySet()) {
            SourcePartition tp = partition.getKey();
            PartitionProgress progress = PartitionProgress.compute(tp, from, partition.getValue(), allowGaps);
            if (progress.watermark().isPresent()) {
                watermark = watermark.advance(tp, progress.watermark().getAsLong());
            }
            progress.lastFile().ifPresent(span -> lastFiles.put(tp, span));
            taken.putAll(progress.taken());
            holes.addAll(progress.holes());
            duplicates += progress.duplicates();
            deferred += progress.deferred();
        }
        holes.forEach(hole -> log.warn("hole in the archive: {}", hole));
        Map<SourcePartition, List<ArchiveFile>> knownFiles = knownFiles(listed, watermark);

        Broadcast<Map<String, OffsetRange>> takenRanges = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(taken);
        FilterFunction<Row> isTaken = row -> {
            OffsetRange range = takenRanges.value().get(row.<String>getAs("file"));
            return range != null && range.contains(row.<Long>getAs("offset"));
        };
        Dataset<Row> takenRecords = scanned
                .filter(col("kind").notEqual(ScannedLine.REJECT).and(col("kind").notEqual(ScannedLine.FILE)))
                .filter(isTaken)
                .select(layout.takenColumns());
        Dataset<Row> rejects = scanned.filter(col("kind").equalTo(ScannedLine.REJECT))
                .filter((FilterFunction<Row>) row -> row.<Long>getAs("line") < 0 || isTaken.call(row))
                .select(col("file"), col("line"), col("offset"), col("topic"), col("partition"),
                        col("reason"), col("detail"), col("raw"));

        long records = taken.values().stream().mapToLong(OffsetRange::size).sum();
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        for (Row row : toOpen.isEmpty() ? List.<Row>of() : rejects.groupBy(col("reason")).count().collectAsList()) {
            rejected.put(RejectReason.fromCode(row.getString(0)), row.getLong(1));
        }
        long wholeFileRejects = rejected.getOrDefault(RejectReason.UNREADABLE_FILE, 0L);
        long lineRejects = rejected.values().stream().mapToLong(Long::longValue).sum() - wholeFileRejects;
        ScanSummary summary = new ScanSummary(filesListed, filesCovered, toOpen.size(), records,
                records - lineRejects, duplicates, deferred, rejected, holes, watermark);
        return new ArchiveScan(scanned, takenRecords, rejects, summary,
                ArchivePosition.bounded(watermark, lastFiles, knownFiles));
    }

    private Dataset<Row> readFiles(List<ArchiveFile> files, Configuration hadoopConf, ScanLayout layout) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        StructType schema = ScannedLine.schema(layout);
        if (files.isEmpty()) {
            return spark.createDataFrame(jsc.<Row>emptyRDD(), schema);
        }
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoopConf));
        String rootUri = root.toString();
        Instant now = clock.instant(); // one "now" for every task: the same input decodes the same way
        int slices = slices(files.size(), jsc.defaultParallelism());
        // several files per task, one at a time, each streamed: rows are made as Spark takes them
        LongAccumulator filesRead = JobCounters.counter(spark, JobCounters.FILES_READ);
        LongAccumulator linesRead = JobCounters.counter(spark, JobCounters.RECORDS_READ);
        JavaRDD<Row> rows = jsc.parallelize(files, slices).mapPartitions(batch -> {
            FileScanner scanner = new FileScanner(rootUri, new EventuateDecoder(Clock.fixed(now, ZoneOffset.UTC)),
                    layout);
            Configuration taskConf = conf.value().value();
            return new FilesRows(batch, file -> {
                filesRead.add(1);
                return new CountedRows(scanner.scan(file, taskConf), linesRead);
            });
        });
        return spark.createDataFrame(rows, schema);
    }

    private static Map<SourcePartition, List<FileRead>> fileReads(Dataset<Row> scanned) {
        Map<SourcePartition, List<FileRead>> reads = new HashMap<>();
        List<Row> files = scanned.filter(col("kind").equalTo(ScannedLine.FILE))
                .select(col("file"), col("topic"), col("partition"), col("offset"), col("lineCount"))
                .collectAsList();
        for (Row row : files) {
            SourcePartition tp = new SourcePartition(row.getString(1), row.getInt(2));
            ArchiveFile file = new ArchiveFile(row.getString(0), tp, row.getLong(3), row.getString(0).endsWith(".gz"));
            long lineCount = row.getLong(4);
            reads.computeIfAbsent(tp, k -> new ArrayList<>())
                    .add(lineCount < 0 ? FileRead.unreadable(file) : FileRead.of(file, lineCount));
        }
        return reads;
    }

    /** The listed files a later run need not open: those starting at or below the new watermark. */
    private static Map<SourcePartition, List<ArchiveFile>> knownFiles(Map<SourcePartition, List<ArchiveFile>> listed,
                                                                      Watermark watermark) {
        Map<SourcePartition, List<ArchiveFile>> known = new HashMap<>();
        listed.forEach((tp, files) -> watermark.offset(tp).ifPresent(mark -> known.put(tp, files.stream()
                .filter(file -> file.startOffset() <= mark)
                .toList())));
        return known;
    }

    /** Enough tasks to use every core a few times over, and no more than there are files. */
    static int slices(int files, int parallelism) {
        return Math.max(1, Math.min(files, parallelism * 4));
    }

    /** Rows counted as Spark takes them (static: a task must not capture the reader). */
    private record CountedRows(Iterator<Row> rows, LongAccumulator counter) implements Iterator<Row> {

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Row next() {
            counter.add(1);
            return rows.next();
        }
    }

    /**
     * The rows of one file after another, pulled as they are needed. (A stream's {@code flatMap} would not do: read
     * through its iterator it buffers each file's rows whole.)
     */
    private static final class FilesRows implements Iterator<Row> {
        private final Iterator<ArchiveFile> files;
        private final Function<ArchiveFile, Iterator<Row>> scan;
        private Iterator<Row> current = Collections.emptyIterator();

        FilesRows(Iterator<ArchiveFile> files, Function<ArchiveFile, Iterator<Row>> scan) {
            this.files = files;
            this.scan = scan;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && files.hasNext()) {
                current = scan.apply(files.next());
            }
            return current.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
