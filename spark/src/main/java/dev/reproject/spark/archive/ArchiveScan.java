package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchivePosition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The result of reading the archive once: the events and rejects this run takes (each offset once),
 * what it did, and the position a later run continues from. Datasets are cached; {@link #close()} frees
 * them.
 */
public final class ArchiveScan implements AutoCloseable {

    private final Dataset<Row> scanned;
    private final Dataset<Row> records;
    private final Dataset<Row> rejects;
    private final ScanSummary summary;
    private final ArchivePosition position;

    ArchiveScan(Dataset<Row> scanned, Dataset<Row> records, Dataset<Row> rejects, ScanSummary summary,
                ArchivePosition position) {
        this.scanned = scanned;
        this.records = records;
        this.rejects = rejects;
        this.summary = summary;
        this.position = position;
    }

    /**
     * Events taken, in the {@link ScannedLine#EVENTS} layout: id, type, aggregateType, aggregateId, eventTime (epoch
     * ms), payload, topic, partition, offset, file, line.
     */
    public Dataset<Row> events() {
        return records;
    }

    /** Records taken: the {@link ScanLayout#takenColumns()} of the scan's layout. */
    public Dataset<Row> records() {
        return records;
    }

    /** Rejected records: file, line, offset (-1 for a whole file), topic, partition, reason, detail, raw. */
    public Dataset<Row> rejects() {
        return rejects;
    }

    public ScanSummary summary() {
        return summary;
    }

    /** Where a later run continues: this run's watermark and last files read. */
    public ArchivePosition position() {
        return position;
    }

    @Override
    public void close() {
        if (scanned != null) {
            scanned.unpersist();
        }
    }
}
