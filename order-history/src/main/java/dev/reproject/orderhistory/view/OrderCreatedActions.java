package dev.reproject.orderhistory.view;

import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.AttrValue.L;
import dev.reproject.core.item.AttrValue.M;
import dev.reproject.core.item.AttrValue.SS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import static dev.reproject.core.item.AttrValue.n;
import static dev.reproject.core.item.AttrValue.s;
import static dev.reproject.orderhistory.view.OrderHistoryTable.CONSUMER_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.CREATION_DATE;
import static dev.reproject.orderhistory.view.OrderHistoryTable.KEYWORDS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.LINE_ITEMS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.MENU_ITEM_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.MENU_ITEM_NAME;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_STATUS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_TOTAL;
import static dev.reproject.orderhistory.view.OrderHistoryTable.PRICE;
import static dev.reproject.orderhistory.view.OrderHistoryTable.QUANTITY;
import static dev.reproject.orderhistory.view.OrderHistoryTable.RESTAURANT_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.RESTAURANT_NAME;

/**
 * The actions of an {@code OrderCreatedEvent}: the whole order, in CONTRACT.md §4's order. The key {@code orderId} is
 * not among them: {@code UpdateItem} cannot SET a key attribute; the update's key creates it.
 */
final class OrderCreatedActions {

    private OrderCreatedActions() {
    }

    /** @param creationDate the event time, epoch milliseconds */
    static List<Action> of(OrderCreated order, long creationDate) {
        List<Action> actions = new ArrayList<>(8);
        actions.add(new Action.Set(CONSUMER_ID, s(order.consumerId())));
        actions.add(new Action.Set(ORDER_STATUS, s(OrderStatus.APPROVAL_PENDING.name())));
        actions.add(new Action.Set(CREATION_DATE, n(creationDate)));
        actions.add(new Action.Set(LINE_ITEMS, lineItems(order.lineItems())));
        actions.add(new Action.Set(ORDER_TOTAL, s(order.orderTotal())));
        actions.add(new Action.Set(RESTAURANT_ID, n(order.restaurantId())));
        actions.add(new Action.Set(RESTAURANT_NAME, s(order.restaurantName())));
        SortedSet<String> keywords = Keywords.of(texts(order));
        if (!keywords.isEmpty()) { // DynamoDB cannot store an empty set: the attribute is left out
            actions.add(new Action.Set(KEYWORDS, new SS(keywords)));
        }
        return actions;
    }

    private static L lineItems(List<OrderCreated.LineItem> items) {
        List<AttrValue> values = new ArrayList<>(items.size());
        for (OrderCreated.LineItem item : items) {
            values.add(new M(Map.of(
                    MENU_ITEM_ID, s(item.menuItemId()),
                    MENU_ITEM_NAME, s(item.name()),
                    PRICE, s(item.price()),
                    QUANTITY, n(item.quantity()))));
        }
        return new L(values);
    }

    private static List<String> texts(OrderCreated order) {
        List<String> texts = new ArrayList<>(order.lineItems().size() + 1);
        texts.add(order.restaurantName());
        order.lineItems().forEach(item -> texts.add(item.name()));
        return texts;
    }
}
