package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.write.BulkWriter;
import dev.reproject.aws.dynamodb.write.ConcurrentWrites;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.ItemSize;
import dev.reproject.core.item.WriteUnits;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.Views;
import dev.reproject.rebuild.imports.ImportLines;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

import java.util.Iterator;
import java.util.List;

/**
 * {@link ItemWriteTask}'s dry run: the same share of the items, measured instead of written, and shared out among
 * the task's writers as they would be, each writer's last call counted whole.
 */
final class PlanTask implements FlatMapFunction<Iterator<Row>, PlanFigures> {

    /** The view's name: its table schema is looked up in the task, as {@link DynamoTarget} does. */
    private final String view;
    /** {@link DynamoTarget#writersPerTask()}, checked there. */
    private final int writersPerTask;
    /** Whether to measure the import's files too ({@code --import}): each item written out once more. */
    private final boolean importFiles;

    PlanTask(String view, int writersPerTask, boolean importFiles) {
        this.view = view;
        this.writersPerTask = writersPerTask;
        this.importFiles = importFiles;
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
        long[] itemsPerWriter = new long[writersPerTask];
        while (rows.hasNext()) {
            Row row = rows.next();
            Item item = DynamoJson.readItem(row.getAs("item"));
            long size = ItemSize.of(item);
            if (size > ItemSize.MAX_BYTES) { // never sent, as BulkWriter leaves it out
                tooLarge++;
                continue;
            }
            items++;
            itemsPerWriter[ConcurrentWrites.writerOf(ItemWriteTask.route(row), writersPerTask)]++;
            bytes += size;
            tableUnits += WriteUnits.of(size);
            indexUnits += WriteUnits.inIndexes(item, schema);
            if (importFiles) {
                importBytes += ImportLines.bytes(item);
            }
        }
        long calls = 0;
        for (long writerItems : itemsPerWriter) {
            calls += (writerItems + BulkWriter.MAX_BATCH - 1) / BulkWriter.MAX_BATCH;
        }
        return List.of(new PlanFigures(items, bytes, tableUnits, indexUnits, calls, tooLarge, importBytes)).iterator();
    }
}
