package dev.reproject.spark.archive;

import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.reject.RejectedRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows a read of the archive produces before file selection is settled: one per line (an event or
 * a reject) and one per file (its line count). One schema keeps them in one cached dataset.
 */
final class ScannedLine {

    static final String EVENT = "event";
    static final String REJECT = "reject";
    static final String FILE = "file";

    static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("file", DataTypes.StringType, false)
            .add("topic", DataTypes.StringType, false)
            .add("partition", DataTypes.IntegerType, false)
            .add("offset", DataTypes.LongType, false)
            .add("line", DataTypes.LongType, false)
            // events
            .add("id", DataTypes.StringType, true)
            .add("type", DataTypes.StringType, true)
            .add("aggregateType", DataTypes.StringType, true)
            .add("aggregateId", DataTypes.StringType, true)
            .add("eventTime", DataTypes.LongType, true)
            .add("payload", DataTypes.StringType, true)
            // rejects
            .add("reason", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true)
            .add("raw", DataTypes.StringType, true)
            // files: line count, -1 when unreadable
            .add("lineCount", DataTypes.LongType, true);

    private ScannedLine() {
    }

    static Row event(String file, long line, DomainEvent e) {
        return RowFactory.create(EVENT, file, e.source().topic(), e.source().partition(), e.source().offset(), line,
                e.id(), e.type(), e.aggregateType(), e.aggregateId(), e.eventTime().toEpochMilli(), e.payload(),
                null, null, null, null);
    }

    static Row reject(String topic, int partition, RejectedRecord r) {
        return RowFactory.create(REJECT, r.file(), topic, partition, r.offset(), r.line(),
                null, null, null, null, null, null,
                r.reason().code(), r.detail(), r.raw(), null);
    }

    static Row rejected(String file, String topic, int partition, long offset, long line,
                        DecodeResult.Rejected rejected, String raw) {
        return reject(topic, partition,
                new RejectedRecord(file, line, offset, rejected.reason(), rejected.detail(), raw));
    }

    static Row file(String file, String topic, int partition, long startOffset, long lineCount) {
        return RowFactory.create(FILE, file, topic, partition, startOffset, -1L,
                null, null, null, null, null, null, null, null, null, lineCount);
    }
}
