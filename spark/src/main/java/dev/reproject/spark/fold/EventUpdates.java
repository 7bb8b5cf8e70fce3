package dev.reproject.spark.fold;

import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.UpdateBinary;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;
import dev.reproject.core.view.Views;
import dev.reproject.spark.archive.EventRows;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Stage one of the fold, in the executors: each event through the view, giving its update (with the view
 * key it touches), a skip for a type the view does not handle, or an {@code invalid-event} reject.
 */
final class EventUpdates implements MapPartitionsFunction<Row, Row> {

    private final String viewName;

    EventUpdates(String viewName) {
        this.viewName = viewName;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> events) {
        ViewDefinition view = Views.byName(viewName);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Row next() {
                Row row = events.next();
                DomainEvent event = EventRows.toEvent(row);
                ViewResult result = result(() -> view.update(event));
                if (result instanceof ViewResult.Handled handled) {
                    return FoldRows.update(DynamoJson.write(new Item(handled.update().key())),
                            UpdateBinary.write(handled.update()), row);
                }
                if (result instanceof ViewResult.Invalid invalid) {
                    return FoldRows.rejectEvent(row, RejectReason.INVALID_EVENT.code(), invalid.detail());
                }
                return FoldRows.skip(row);
            }
        };
    }

    /** What the view makes of the event; a view bug must not fail the job: the event is then rejected. */
    static ViewResult result(Supplier<ViewResult> update) {
        try {
            return update.get();
        } catch (RuntimeException e) {
            return new ViewResult.Invalid("the view failed on this event: " + e);
        }
    }
}
