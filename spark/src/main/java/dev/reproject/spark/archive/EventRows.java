package dev.reproject.spark.archive;

import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

import java.time.Instant;

import static org.apache.spark.sql.functions.col;

/** The columns of {@link ArchiveScan#events()} and their conversion back to {@link DomainEvent}. */
public final class EventRows {

    static final Column[] COLUMNS = {col("id"), col("type"), col("aggregateType"), col("aggregateId"),
            col("eventTime"), col("payload"), col("topic"), col("partition"), col("offset"), col("file"), col("line")};

    private EventRows() {
    }

    public static DomainEvent toEvent(Row row) {
        return new DomainEvent(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                Instant.ofEpochMilli(row.getLong(4)), row.getString(5),
                SourcePosition.of(row.getString(6), row.getInt(7), row.getLong(8)));
    }
}
