package dev.reproject.orderhistory.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.reproject.orderhistory.view.OrderHistoryTable.CREATION_DATE;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_ID;

/**
 * The Order History queries (CONTRACT.md §4) on one table of the view: {@code findOrder} and {@code findOrderHistory}.
 * Thread-safe; the client is the caller's to close.
 *
 * <p><b>Full pages, within a read budget.</b> DynamoDB applies {@code Limit} before the filter expression, so one
 * {@code Query} may return few or no matches while more follow. {@code findOrderHistory} keeps querying until it
 * holds {@code pageSize + 1} matches, the history (within the time range) ends, or it has read
 * {@code maxItemsRead} items. The extra match is not returned: it only proves that a next page exists, so that a
 * page that was not cut short has a {@code nextPageToken} exactly when a match follows. The token then holds the
 * position of the last order <em>returned</em> — never DynamoDB's {@code LastEvaluatedKey}, which lies beyond items
 * this page read but did not return.
 *
 * <p>A page cut short by the read budget (a very selective filter on a long history) is <em>partial</em>: it holds
 * the matches found so far — possibly none — and a token positioned after the last item <em>evaluated</em>, so the
 * next request continues where this one stopped reading, neither skipping nor repeating an order.
 */
public final class OrderHistoryQuery {

    /** DynamoDB's limit on the size of a partition key value. */
    static final int MAX_KEY_BYTES = 2048;
    /** Items one request ({@code findOrderHistory} call) reads at most by default: {@code --max-items-read}. */
    public static final int DEFAULT_MAX_ITEMS_READ = 1000;

    private static final Logger log = LoggerFactory.getLogger(OrderHistoryQuery.class);

    private final DynamoDbClient client;
    private final String table;
    private final PageTokenKey key;
    private final PageTokens tokens;
    private final int maxItemsRead;
    private final int maxEvaluated;
    private final ReadListener listener;

    /** What a history request read: for metrics. */
    @FunctionalInterface
    public interface ReadListener {

        /**
         * @param itemsRead items DynamoDB evaluated for the request
         * @param queries   {@code Query} calls made
         * @param partial   whether the read budget cut the page short
         */
        void historyRead(long itemsRead, int queries, boolean partial);
    }

    /** The sandbox page-token key, {@value #DEFAULT_MAX_ITEMS_READ} items read a request at most. */
    public OrderHistoryQuery(DynamoDbClient client, String table) {
        this(client, table, PageTokenKey.SANDBOX, DEFAULT_MAX_ITEMS_READ);
    }

    /**
     * @param key          the page tokens' HMAC key
     * @param maxItemsRead the most items one {@code findOrderHistory} call reads (at least 1)
     */
    public OrderHistoryQuery(DynamoDbClient client, String table, PageTokenKey key, int maxItemsRead) {
        this(client, table, key, maxItemsRead, maxItemsRead, (read, queries, partial) -> {
        });
    }

    /** @param maxEvaluated the most items one {@code Query} call may evaluate (tests make it small) */
    OrderHistoryQuery(DynamoDbClient client, String table, PageTokenKey key, int maxItemsRead, int maxEvaluated,
                      ReadListener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.key = Objects.requireNonNull(key, "key");
        this.tokens = new PageTokens(key);
        if (maxItemsRead < 1) {
            throw new IllegalArgumentException("--max-items-read must be at least 1, was " + maxItemsRead);
        }
        if (maxEvaluated < 1) {
            throw new IllegalArgumentException("maxEvaluated must be at least 1, was " + maxEvaluated);
        }
        this.maxItemsRead = maxItemsRead;
        this.maxEvaluated = maxEvaluated;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The same query, telling {@code newListener} what each history request read. */
    public OrderHistoryQuery withReadListener(ReadListener newListener) {
        return new OrderHistoryQuery(client, table, key, maxItemsRead, maxEvaluated, newListener);
    }

    /** The same query on another table (with the same key, read budget and listener): serve's next table. */
    public OrderHistoryQuery withTable(String newTable) {
        return new OrderHistoryQuery(client, newTable, key, maxItemsRead, maxEvaluated, listener);
    }

    public String table() {
        return table;
    }

    /** The key of the page tokens this query makes and accepts. */
    public PageTokenKey pageTokenKey() {
        return key;
    }

    public int maxItemsRead() {
        return maxItemsRead;
    }

    /**
     * Whether the table is there and answers: one {@code DescribeTable} ({@code GET /health}).
     *
     * @throws TableNotFoundException when the table does not exist
     * @throws RuntimeException       (the SDK's) when DynamoDB cannot be reached or refuses
     */
    public void describeTable() {
        try {
            client.describeTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException e) {
            throw new TableNotFoundException(table);
        }
    }

    /**
     * The order, read consistently; empty when the table has no such order (see {@link OrderItems#toOrder}).
     *
     * @throws BadQueryException      for an empty order id or one longer than DynamoDB allows for a key
     * @throws TableNotFoundException when the table does not exist
     */
    public Optional<Order> findOrder(String orderId) {
        requireKey("orderId", orderId);
        try {
            return OrderItems.toOrder(client.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(ORDER_ID, AttributeValue.fromS(orderId)))).item());
        } catch (ResourceNotFoundException e) {
            throw new TableNotFoundException(table);
        }
    }

    /**
     * One page of the consumer's orders that match the filter, newest first. Orders created in the same
     * millisecond come in an order DynamoDB chooses; paging neither repeats nor skips them, since a position holds
     * the order id too. A consumer without orders has an empty history, not an error. The index is eventually
     * consistent (DynamoDB reads no GSI consistently): an order written a moment ago may not show yet.
     *
     * <p>At most {@code maxItemsRead} items are read: a selective filter on a long history gets a partial page (see
     * the class comment), possibly empty, whose token continues after the last item read.
     *
     * @throws BadQueryException      for an empty or over-long consumer id, or a page token that is garbled,
     *                                altered, or was issued for another consumer or filter
     * @throws TableNotFoundException when the table does not exist
     */
    public OrderHistoryPage findOrderHistory(String consumerId, OrderHistoryFilter filter) {
        requireKey("consumerId", consumerId);
        Objects.requireNonNull(filter, "filter");
        Optional<PageTokens.Position> start = filter.pageToken().map(t -> tokens.decode(t, consumerId, filter));
        if (filter.admitsNoCreationDate()) {
            return OrderHistoryPage.empty();
        }
        int wanted = filter.pageSize() + 1; // one more than the page: is there a next page?
        List<Map<String, AttributeValue>> matches = new ArrayList<>(wanted);
        Optional<Map<String, AttributeValue>> exclusiveStart = start.map(p -> HistoryRequests.startKey(consumerId, p));
        long evaluated = 0;
        int requests = 0;
        do {
            int limit = (int) Math.min(maxItemsRead - evaluated, limit(wanted - matches.size(), evaluated,
                    matches.size(), filter.hasFilterExpression()));
            QueryResponse response = query(consumerId, filter, exclusiveStart, limit);
            requests++;
            evaluated += response.scannedCount();
            for (Map<String, AttributeValue> item : response.items()) {
                if (matches.size() == wanted) {
                    break; // the rest of this response belongs to later pages: the token will not skip it
                }
                matches.add(item);
            }
            exclusiveStart = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(response.lastEvaluatedKey()) : Optional.empty();
        } while (matches.size() < wanted && exclusiveStart.isPresent() && evaluated < maxItemsRead);
        // cut short by the read budget: every match read is returned, and the next page starts after the last item
        // read (DynamoDB's LastEvaluatedKey), not after the last match
        boolean partial = matches.size() < wanted && exclusiveStart.isPresent();
        log.debug("history of {}: {} matches from {} items in {} queries{}", consumerId, matches.size(), evaluated,
                requests, partial ? " (partial page: read budget spent)" : "");
        listener.historyRead(evaluated, requests, partial);

        boolean more = matches.size() == wanted;
        List<Map<String, AttributeValue>> page = more ? matches.subList(0, filter.pageSize()) : matches;
        List<Order> orders = new ArrayList<>(page.size());
        for (Map<String, AttributeValue> item : page) {
            orders.add(OrderItems.toOrder(item).orElseThrow(() -> new IllegalStateException(
                    "the consumer index returned an item without " + CREATION_DATE + ": " + item.get(ORDER_ID))));
        }
        Optional<String> next;
        if (more) {
            next = Optional.of(tokens.encode(consumerId, filter, positionOf(orders.get(orders.size() - 1))));
        } else if (partial) {
            next = Optional.of(tokens.encode(consumerId, filter, positionOf(exclusiveStart.get())));
        } else {
            next = Optional.empty();
        }
        return new OrderHistoryPage(orders, next);
    }

    private QueryResponse query(String consumerId, OrderHistoryFilter filter,
                                Optional<Map<String, AttributeValue>> exclusiveStart, int limit) {
        try {
            return client.query(HistoryRequests.history(table, consumerId, filter, exclusiveStart, limit));
        } catch (ResourceNotFoundException e) {
            throw new TableNotFoundException(table);
        }
    }

    /**
     * How many items the next {@code Query} may evaluate. Without a filter expression every item evaluated is a
     * match: exactly what is still needed. With one, as many as the match rate so far suggests (twice the need
     * before anything is known), never fewer than needed nor more than {@link #maxEvaluated}.
     */
    private int limit(int needed, long evaluated, int matched, boolean filtered) {
        long estimate;
        if (!filtered) {
            estimate = needed;
        } else if (evaluated == 0) {
            estimate = 2L * needed;
        } else {
            estimate = (long) Math.ceil(1.25 * needed * (evaluated + 1) / (matched + 1));
        }
        return (int) Math.min(maxEvaluated, Math.max(needed, estimate));
    }

    private static PageTokens.Position positionOf(Order order) {
        return new PageTokens.Position(order.creationDate(), order.orderId());
    }

    /** The position of an index key DynamoDB returned ({@code LastEvaluatedKey}): creation date and order id. */
    private static PageTokens.Position positionOf(Map<String, AttributeValue> indexKey) {
        AttributeValue creationDate = indexKey.get(CREATION_DATE);
        AttributeValue orderId = indexKey.get(ORDER_ID);
        if (creationDate == null || creationDate.n() == null || orderId == null || orderId.s() == null) {
            throw new IllegalStateException("the consumer index returned a LastEvaluatedKey without "
                    + CREATION_DATE + " and " + ORDER_ID + ": " + indexKey.keySet());
        }
        return new PageTokens.Position(Long.parseLong(creationDate.n()), orderId.s());
    }

    private static void requireKey(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw BadQueryException.parameter(name + " must not be empty");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw BadQueryException.parameter(name + " is longer than " + MAX_KEY_BYTES
                    + " bytes (UTF-8), DynamoDB's limit for a key: no such "
                    + (name.equals("orderId") ? "order" : "consumer")
                    + " can exist");
        }
    }
}
