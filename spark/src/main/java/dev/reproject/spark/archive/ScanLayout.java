package dev.reproject.spark.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.core.event.DomainEvent;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.io.Serializable;

/**
 * What a scan keeps of each decoded event between its stages: the event itself ({@link ScannedLine#EVENTS}), or only
 * what a later stage needs of it (the fold keeps the view's update, {@code dev.reproject.spark.fold.ScannedUpdates}),
 * so that the view runs in the same pass as the decoder and the cached rows stay small. Every layout's rows also have
 * the columns of rejects and files ({@link ScannedLine#schema}).
 */
public interface ScanLayout extends Serializable {

    /** The columns this layout adds for a taken record, between the position and the reject's columns. */
    StructField[] recordFields();

    /** What {@link ArchiveScan#records()} gives of a taken record's row. */
    Column[] takenColumns();

    /** Called once in each task: what makes a row of a decoded event there. */
    RecordRows rows();

    /** Makes the row of one decoded event, in one task. */
    interface RecordRows {

        /**
         * @param file the file's path relative to the archive root
         * @param line    the line's index in the file
         * @param payload the event's payload as the decoder parsed it (null if it did not)
         * @return a row made by {@link ScannedLine#record}
         */
        Row event(String file, long line, DomainEvent event, JsonNode payload);
    }
}
