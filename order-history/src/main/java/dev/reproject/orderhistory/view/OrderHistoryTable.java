package dev.reproject.orderhistory.view;

import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;

import java.util.List;
import java.util.Optional;

/** The Order History table (CONTRACT.md §4): its schema and the names of its attributes, for the view and its queries. */
public final class OrderHistoryTable {

    public static final String DEFAULT_NAME = "ftgo-order-history";
    /** A consumer's orders by creation time, for {@code findOrderHistory}. */
    public static final String BY_CONSUMER_INDEX = "ftgo-order-history-by-consumer-id-and-creation-time";

    public static final String ORDER_ID = "orderId";
    public static final String CONSUMER_ID = "consumerId";
    public static final String ORDER_STATUS = "orderStatus";
    public static final String CREATION_DATE = "creationDate";
    public static final String LINE_ITEMS = "lineItems";
    public static final String ORDER_TOTAL = "orderTotal";
    public static final String RESTAURANT_ID = "restaurantId";
    public static final String RESTAURANT_NAME = "restaurantName";
    public static final String KEYWORDS = "keywords";

    /** The attributes of each map in {@link #LINE_ITEMS}. */
    public static final String MENU_ITEM_ID = "menuItemId";
    public static final String MENU_ITEM_NAME = "menuItemName";
    public static final String PRICE = "price";
    public static final String QUANTITY = "quantity";

    public static final TableSchema SCHEMA = new TableSchema(DEFAULT_NAME,
            new KeyAttribute(ORDER_ID, KeyType.S), Optional.empty(),
            List.of(new GlobalIndex(BY_CONSUMER_INDEX, new KeyAttribute(CONSUMER_ID, KeyType.S),
                    Optional.of(new KeyAttribute(CREATION_DATE, KeyType.N)))));

    private OrderHistoryTable() {
    }
}
