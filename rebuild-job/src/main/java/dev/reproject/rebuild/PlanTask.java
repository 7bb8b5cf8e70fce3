package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.write.BulkWriter;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.ItemSize;
import dev.reproject.core.item.WriteUnits;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.Views;
import dev.reproject.rebuild.imports.ImportLines;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.util.Iterator;
import java.util.List;

/** {@link ItemWriteTask}'s dry run: the same share of the items, measured instead of written. */
final class PlanTask implements MapPartitionsFunction<Row, PlanFigures> {

    /** The view's name: its table schema is looked up in the task, as {@link DynamoTarget} does. */
    private final String view;

    PlanTask(String view) {
        this.view = view;
    }

    @Override
    public Iterator<PlanFigures> call(Iterator<Row> rows) {
        TableSchema schema = Views.byName(view).table();
        long items = 0;
        long bytes = 0;
        long tableUnits = 0;
        long indexUnits = 0;
        long tooLarge = 0;
        long importBytes = 0;
        while (rows.hasNext()) {
            Item item = DynamoJson.readItem(rows.next().getAs("item"));
            long size = ItemSize.of(item);
            if (size > ItemSize.MAX_BYTES) { // never sent, as BulkWriter leaves it out
                tooLarge++;
                continue;
            }
            items++;
            bytes += size;
            tableUnits += WriteUnits.of(size);
            indexUnits += WriteUnits.inIndexes(item, schema);
            importBytes += ImportLines.bytes(item);
        }
        long calls = (items + BulkWriter.MAX_BATCH - 1) / BulkWriter.MAX_BATCH;
        return List.of(new PlanFigures(items, bytes, tableUnits, indexUnits, calls, tooLarge, importBytes)).iterator();
    }
}
