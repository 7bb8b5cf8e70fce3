package dev.reproject.rebuild;

import java.io.Serializable;

/**
 * What loading some items would take, as one writer task would do it: the {@code BatchWriteItem} calls of 25 puts,
 * and DynamoDB's write units in the table and its indexes; items over the 400 KB limit would be left out. For
 * {@code --import}: {@code importBytes}, the bytes of the items as ImportTable's input, uncompressed (0 when not
 * measured).
 */
public record PlanFigures(long items, long itemBytes, long tableWriteUnits, long indexWriteUnits, long writeCalls,
                          long tooLarge, long importBytes) implements Serializable {

    public static final PlanFigures NONE = new PlanFigures(0, 0, 0, 0, 0, 0, 0);

    public PlanFigures plus(PlanFigures other) {
        return new PlanFigures(items + other.items, itemBytes + other.itemBytes,
                tableWriteUnits + other.tableWriteUnits, indexWriteUnits + other.indexWriteUnits,
                writeCalls + other.writeCalls, tooLarge + other.tooLarge, importBytes + other.importBytes);
    }

    public long writeUnits() {
        return tableWriteUnits + indexWriteUnits;
    }
}
