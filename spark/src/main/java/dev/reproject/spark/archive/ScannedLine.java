package dev.reproject.spark.archive;

import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.reject.RejectedRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows a read of the archive produces before file selection is settled: one per line (a taken record or a
 * reject) and one per file (its line count). One schema keeps them in one cached dataset: the position, the
 * columns of the {@link ScanLayout} for a record, then those of a reject and a file. {@link #EVENTS} is the layout
 * that keeps the whole event.
 */
public final class ScannedLine implements ScanLayout {

    private static final long serialVersionUID = 1L;

    static final String EVENT = "event";
    static final String REJECT = "reject";
    static final String FILE = "file";

    /** The whole event: id, type, aggregateType, aggregateId, eventTime (epoch ms), payload. */
    public static final ScannedLine EVENTS = new ScannedLine();

    private static final StructField[] EVENT_FIELDS = new StructType()
            .add("id", DataTypes.StringType, true)
            .add("type", DataTypes.StringType, true)
            .add("aggregateType", DataTypes.StringType, true)
            .add("aggregateId", DataTypes.StringType, true)
            .add("eventTime", DataTypes.LongType, true)
            .add("payload", DataTypes.StringType, true)
            .fields();

    /** The schema of {@link #EVENTS}. */
    static final StructType SCHEMA = schema(EVENTS);

    private ScannedLine() {
    }

    @Override
    public StructField[] recordFields() {
        return EVENT_FIELDS.clone();
    }

    @Override
    public Column[] takenColumns() {
        return EventRows.COLUMNS.clone();
    }

    @Override
    public RecordRows rows() {
        return (file, line, e, payload) -> record(EVENT, file, e, line, EVENT_FIELDS.length, e.id(), e.type(),
                e.aggregateType(), e.aggregateId(), e.eventTime().toEpochMilli(), e.payload());
    }

    /** kind, file, topic, partition, offset, line, the layout's record columns, reason, detail, raw, lineCount. */
    public static StructType schema(ScanLayout layout) {
        StructType schema = new StructType()
                .add("kind", DataTypes.StringType, false)
                .add("file", DataTypes.StringType, false)
                .add("topic", DataTypes.StringType, false)
                .add("partition", DataTypes.IntegerType, false)
                .add("offset", DataTypes.LongType, false)
                .add("line", DataTypes.LongType, false);
        for (StructField field : layout.recordFields()) {
            schema = schema.add(field);
        }
        return schema
                // rejects
                .add("reason", DataTypes.StringType, true)
                .add("detail", DataTypes.StringType, true)
                .add("raw", DataTypes.StringType, true)
                // files: line count, -1 when unreadable
                .add("lineCount", DataTypes.LongType, true);
    }

    /**
     * The row of a taken record.
     *
     * @param kind         anything but {@link #REJECT} and {@link #FILE}
     * @param recordFields how many record columns the layout has
     * @param values       its record columns, at most {@code recordFields}, the rest null
     */
    public static Row record(String kind, String file, DomainEvent e, long line, int recordFields,
                             Object... values) {
        return recordRejected(kind, file, e, line, recordFields, null, null, values);
    }

    /** The row of a taken record that a later stage rejects, with its reason and detail. */
    public static Row recordRejected(String kind, String file, DomainEvent e, long line, int recordFields,
                                     String reason, String detail, Object... values) {
        Object[] row = new Object[6 + recordFields + 4];
        row[0] = kind;
        row[1] = file;
        row[2] = e.source().topic();
        row[3] = e.source().partition();
        row[4] = e.source().offset();
        row[5] = line;
        System.arraycopy(values, 0, row, 6, values.length);
        row[6 + recordFields] = reason;
        row[7 + recordFields] = detail;
        return RowFactory.create(row);
    }

    static Row reject(int recordFields, String topic, int partition, RejectedRecord r) {
        Object[] row = new Object[6 + recordFields + 4];
        row[0] = REJECT;
        row[1] = r.file();
        row[2] = topic;
        row[3] = partition;
        row[4] = r.offset();
        row[5] = r.line();
        row[6 + recordFields] = r.reason().code();
        row[7 + recordFields] = r.detail();
        row[8 + recordFields] = r.raw();
        return RowFactory.create(row);
    }

    static Row rejected(int recordFields, String file, String topic, int partition, long offset, long line,
                        DecodeResult.Rejected rejected, String raw) {
        return reject(recordFields, topic, partition,
                new RejectedRecord(file, line, offset, rejected.reason(), rejected.detail(), raw));
    }

    static Row file(int recordFields, String file, String topic, int partition, long startOffset, long lineCount) {
        Object[] row = new Object[6 + recordFields + 4];
        row[0] = FILE;
        row[1] = file;
        row[2] = topic;
        row[3] = partition;
        row[4] = startOffset;
        row[5] = -1L;
        row[9 + recordFields] = lineCount;
        return RowFactory.create(row);
    }
}
