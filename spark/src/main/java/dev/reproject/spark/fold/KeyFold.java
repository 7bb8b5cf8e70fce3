package dev.reproject.spark.fold;

import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.UpdateBinary;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.core.view.Views;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Stage two of the fold, in the executors: rows arrive sorted by view key, then the parent item first,
 * then the updates in (topic, partition, offset) order — so each aggregate's events in offset order.
 * Skips are counted and the view's rejects pass through.
 * Each key's item is folded while streaming: only one item is in memory at a time, however long an
 * aggregate's history.
 */
final class KeyFold implements MapPartitionsFunction<Row, Row> {

    private final String viewName;

    KeyFold(String viewName) {
        this.viewName = viewName;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        UpdateFold fold = new UpdateFold(Views.byName(viewName).table());
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();
            private String key;
            private Item item = Item.EMPTY;
            private long applied;
            private long duplicates;
            private long skipped;
            private boolean statEmitted;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && rows.hasNext()) {
                    consume(rows.next());
                }
                if (ready.isEmpty() && !statEmitted) {
                    finishKey();
                    ready.add(FoldRows.stat(applied, duplicates, skipped));
                    statEmitted = true;
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void consume(Row row) {
                String kind = row.getAs("kind");
                if (FoldRows.SKIP.equals(kind)) {
                    skipped++;
                    return;
                }
                if (FoldRows.REJECT.equals(kind)) {
                    ready.add(row); // rejected by the view: passes through
                    return;
                }
                String rowKey = row.getAs("key");
                if (!Objects.equals(rowKey, key)) {
                    finishKey();
                    key = rowKey;
                    item = Item.EMPTY;
                }
                if (FoldRows.BASE.equals(kind)) {
                    item = DynamoJson.readItem(row.getAs("body"));
                    return;
                }
                FoldResult result = fold.apply(item, UpdateBinary.readUpdate(row.getAs("update")));
                if (result instanceof FoldResult.Applied a) {
                    item = a.item();
                    applied++;
                } else if (result instanceof FoldResult.Duplicate) {
                    duplicates++;
                } else if (result instanceof FoldResult.Rejected r) {
                    ready.add(FoldRows.reject(row, r.reason().code(), r.detail()));
                }
            }

            private void finishKey() {
                if (key != null && !item.isEmpty()) {
                    ready.add(FoldRows.item(key, DynamoJson.write(item)));
                }
                key = null;
                item = Item.EMPTY;
            }
        };
    }
}
