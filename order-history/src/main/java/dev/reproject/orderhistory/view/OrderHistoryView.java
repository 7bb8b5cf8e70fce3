package dev.reproject.orderhistory.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;
import dev.reproject.orderhistory.FtgoOrder;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FTGO's Order History view (CONTRACT.md §4): one item per order, keyed by the order id, with the consumer's orders
 * by creation time in a GSI. {@code OrderCreatedEvent} writes the order; {@code OrderAuthorized},
 * {@code OrderRejected} and {@code OrderCancelled} set its status. Stateless.
 */
public final class OrderHistoryView implements ViewDefinition {

    public static final String NAME = "order-history";
    /** Bump whenever the updates change: snapshots of another version need a full run. */
    public static final int VERSION = 1;

    private static final Map<String, OrderStatus> STATUS_EVENTS = Map.of(
            FtgoOrder.ORDER_AUTHORIZED, OrderStatus.APPROVED,
            FtgoOrder.ORDER_REJECTED, OrderStatus.REJECTED,
            FtgoOrder.ORDER_CANCELLED, OrderStatus.CANCELLED);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public TableSchema table() {
        return OrderHistoryTable.SCHEMA;
    }

    @Override
    public Set<String> topics() {
        return Set.of(FtgoOrder.TOPIC);
    }

    @Override
    public ViewResult update(DomainEvent event) {
        return update(event, null);
    }

    @Override
    public ViewResult update(DomainEvent event, JsonNode payload) {
        // The key is the aggregate id, which names an order only when the aggregate is an Order. The same
        // event type published for another aggregate (a copy of the class, a mis-routed message) is not this
        // view's event: writing it would create or change an order under a foreign id. So it is skipped and
        // counted like any other type the view does not read, not rejected.
        if (!FtgoOrder.AGGREGATE_TYPE.equals(event.aggregateType())) {
            return ViewResult.UNHANDLED;
        }
        if (FtgoOrder.ORDER_CREATED.equals(event.type())) {
            return orderCreated(event, payload);
        }
        OrderStatus status = STATUS_EVENTS.get(event.type());
        if (status == null) {
            return ViewResult.UNHANDLED;
        }
        // the payload carries nothing the view needs: any JSON object will do
        return handled(event, List.of(new Action.Set(OrderHistoryTable.ORDER_STATUS, AttrValue.s(status.name()))));
    }

    /** @param payload the payload parsed, or null to parse it here */
    private static ViewResult orderCreated(DomainEvent event, JsonNode payload) {
        long creationDate;
        try {
            creationDate = event.eventTime().toEpochMilli();
        } catch (ArithmeticException e) {
            return new ViewResult.Invalid("event time " + event.eventTime() + " is beyond epoch milliseconds");
        }
        try {
            OrderCreated order = payload == null ? OrderCreatedReader.read(event.payload())
                    : OrderCreatedReader.read(payload);
            return handled(event, OrderCreatedActions.of(order, creationDate));
        } catch (InvalidPayloadException e) {
            return new ViewResult.Invalid(e.getMessage());
        }
    }

    static ViewResult handled(DomainEvent event, List<Action> actions) {
        return new ViewResult.Handled(Update.of(
                Map.of(OrderHistoryTable.ORDER_ID, AttrValue.s(event.aggregateId())),
                actions,
                Marker.of(event.aggregateType(), event.aggregateId(), event.id())));
    }
}
