package dev.reproject.orderhistory.view;

import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;
import dev.reproject.orderhistory.FtgoOrder;

import java.util.List;
import java.util.Set;

/**
 * The Order History view that also follows revisions, for longer histories (the benchmarks' ~10 events per order,
 * {@code generate --revisions}): {@code OrderRevisionProposed} sets the status {@code REVISION_PENDING};
 * {@code OrderRevised} sets it back to {@code APPROVED} and the order's total to the payload's
 * {@code newOrderTotal}. The line items keep their quantities at creation. Everything else is
 * {@link OrderHistoryView}'s, which the contract's {@code order-history} stays: it skips revisions.
 */
public final class OrderHistoryRevisionsView implements ViewDefinition {

    public static final String NAME = "order-history-revisions";
    public static final int VERSION = 1;
    /**
     * FTGO's {@code OrderState} while a revision waits; not one of {@link OrderStatus}, which are the contract's
     * view's statuses and what {@code findOrderHistory} filters by.
     */
    public static final String REVISION_PENDING = "REVISION_PENDING";

    private final OrderHistoryView orders = new OrderHistoryView();

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
        return orders.table();
    }

    @Override
    public Set<String> topics() {
        return orders.topics();
    }

    @Override
    public ViewResult update(DomainEvent event) {
        if (!FtgoOrder.AGGREGATE_TYPE.equals(event.aggregateType())) {
            return ViewResult.UNHANDLED;
        }
        if (FtgoOrder.ORDER_REVISION_PROPOSED.equals(event.type())) {
            return OrderHistoryView.handled(event, List.of(status(REVISION_PENDING)));
        }
        if (FtgoOrder.ORDER_REVISED.equals(event.type())) {
            try {
                String newTotal = PayloadNode.parse(event.payload()).field("newOrderTotal").money();
                return OrderHistoryView.handled(event, List.of(status(OrderStatus.APPROVED.name()),
                        new Action.Set(OrderHistoryTable.ORDER_TOTAL, AttrValue.s(newTotal))));
            } catch (InvalidPayloadException e) {
                return new ViewResult.Invalid(e.getMessage());
            }
        }
        return orders.update(event);
    }

    private static Action status(String status) {
        return new Action.Set(OrderHistoryTable.ORDER_STATUS, AttrValue.s(status));
    }
}
