package dev.reproject.orderhistory.query;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.reproject.orderhistory.view.OrderHistoryTable.BY_CONSUMER_INDEX;
import static dev.reproject.orderhistory.view.OrderHistoryTable.CONSUMER_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.CREATION_DATE;
import static dev.reproject.orderhistory.view.OrderHistoryTable.KEYWORDS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_STATUS;

/**
 * The {@code Query} on the consumer index for a history filter: the time range in the key condition (so DynamoDB
 * reads only that part of the consumer's orders), status and keywords in the filter expression, newest first.
 *
 * <p>Keywords: {@code contains(#kw, :kw0) OR (contains(#kw, :kw1) AND contains(#kw, :kw2))} — one placeholder per
 * word, keywords OR-ed, the words of one keyword AND-ed (see {@link OrderHistoryFilter}).
 */
final class HistoryRequests {

    private HistoryRequests() {
    }

    /**
     * @param exclusiveStart the GSI key to continue after ({@link #startKey}), or empty from the newest order
     * @param limit          items DynamoDB evaluates at most (before the filter expression)
     */
    static QueryRequest history(String table, String consumerId, OrderHistoryFilter filter,
                                Optional<Map<String, AttributeValue>> exclusiveStart, int limit) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#c", CONSUMER_ID);
        values.put(":c", AttributeValue.fromS(consumerId));
        StringBuilder key = new StringBuilder("#c = :c");
        if (filter.firstMillis().isPresent() || filter.lastMillis().isPresent()) {
            names.put("#d", CREATION_DATE);
            if (filter.firstMillis().isPresent() && filter.lastMillis().isPresent()) {
                key.append(" AND #d BETWEEN :first AND :last");
            } else if (filter.firstMillis().isPresent()) {
                key.append(" AND #d >= :first");
            } else {
                key.append(" AND #d <= :last");
            }
            filter.firstMillis().ifPresent(ms -> values.put(":first", AttributeValue.fromN(Long.toString(ms))));
            filter.lastMillis().ifPresent(ms -> values.put(":last", AttributeValue.fromN(Long.toString(ms))));
        }
        List<String> conditions = new ArrayList<>(2);
        filter.status().ifPresent(status -> {
            names.put("#s", ORDER_STATUS);
            values.put(":s", AttributeValue.fromS(status.name()));
            conditions.add("#s = :s");
        });
        if (!filter.keywords().isEmpty()) {
            names.put("#kw", KEYWORDS);
            conditions.add(keywordCondition(filter, values));
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(BY_CONSUMER_INDEX)
                .keyConditionExpression(key.toString())
                .scanIndexForward(false)
                .limit(limit)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values);
        if (!conditions.isEmpty()) {
            request.filterExpression(String.join(" AND ", conditions));
        }
        exclusiveStart.ifPresent(request::exclusiveStartKey);
        return request.build();
    }

    /** The GSI's {@code ExclusiveStartKey} for a position: the table key and the index key of that order. */
    static Map<String, AttributeValue> startKey(String consumerId, PageTokens.Position position) {
        return Map.of(
                ORDER_ID, AttributeValue.fromS(position.orderId()),
                CONSUMER_ID, AttributeValue.fromS(consumerId),
                CREATION_DATE, AttributeValue.fromN(Long.toString(position.creationDate())));
    }

    private static String keywordCondition(OrderHistoryFilter filter, Map<String, AttributeValue> values) {
        List<String> alternatives = new ArrayList<>(filter.keywords().size());
        int placeholder = 0;
        for (String keyword : filter.keywords()) {
            List<String> words = new ArrayList<>();
            for (String word : keyword.split(" ")) {
                String name = ":kw" + placeholder++;
                values.put(name, AttributeValue.fromS(word));
                words.add("contains(#kw, " + name + ")");
            }
            alternatives.add(words.size() == 1 ? words.get(0) : "(" + String.join(" AND ", words) + ")");
        }
        return alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")";
    }
}
