package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.view.OrderStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code Query} requests, spelled out: the expressions are what DynamoDB evaluates. */
class HistoryRequestsTest {

    private static QueryRequest request(OrderHistoryFilter filter) {
        return HistoryRequests.history("orders", "c1", filter, Optional.empty(), 21);
    }

    @Test
    void theWholeHistory_newestFirst_onTheConsumerIndex() {
        QueryRequest request = request(OrderHistoryFilter.all());

        assertThat(request.tableName()).isEqualTo("orders");
        assertThat(request.indexName()).isEqualTo("ftgo-order-history-by-consumer-id-and-creation-time");
        assertThat(request.keyConditionExpression()).isEqualTo("#c = :c");
        assertThat(request.filterExpression()).isNull();
        assertThat(request.scanIndexForward()).isFalse();
        assertThat(request.limit()).isEqualTo(21);
        assertThat(request.consistentRead()).isNull(); // a GSI cannot be read consistently
        assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#c", "consumerId"));
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":c", AttributeValue.fromS("c1")));
        assertThat(request.hasExclusiveStartKey()).isFalse();
    }

    @Test
    void theTimeRange_isInTheKeyCondition_inWholeMilliseconds() {
        Instant since = Instant.parse("2026-11-30T00:00:00.0001Z");
        Instant until = Instant.parse("2026-12-01T00:00:00Z");

        QueryRequest both = request(OrderHistoryFilter.all().withSince(since).withUntil(until));
        QueryRequest from = request(OrderHistoryFilter.all().withSince(since));
        QueryRequest to = request(OrderHistoryFilter.all().withUntil(until));

        assertThat(both.keyConditionExpression()).isEqualTo("#c = :c AND #d BETWEEN :first AND :last");
        assertThat(both.expressionAttributeValues()).containsEntry(":first", AttributeValue.fromN("1795996800001"))
                .containsEntry(":last", AttributeValue.fromN("1796083199999"));
        assertThat(from.keyConditionExpression()).isEqualTo("#c = :c AND #d >= :first");
        assertThat(to.keyConditionExpression()).isEqualTo("#c = :c AND #d <= :last");
        assertThat(both.expressionAttributeNames()).containsEntry("#d", "creationDate");
    }

    /** FTGO AND-ed the keywords and gave all of them the one placeholder {@code :keyword}. */
    @Test
    void keywords_areOred_eachWordWithItsOwnPlaceholder() {
        QueryRequest request = request(OrderHistoryFilter.all().withKeywords("Sushi", "pizza"));

        assertThat(request.filterExpression()).isEqualTo("(contains(#kw, :kw0) OR contains(#kw, :kw1))");
        assertThat(request.expressionAttributeValues()).containsEntry(":kw0", AttributeValue.fromS("pizza"))
                .containsEntry(":kw1", AttributeValue.fromS("sushi"));
        assertThat(request.expressionAttributeNames()).containsEntry("#kw", "keywords");
    }

    @Test
    void theWordsOfOneKeyword_areAnded_andStatusToo() {
        QueryRequest request = request(OrderHistoryFilter.all().withStatus(OrderStatus.CANCELLED)
                .withKeywords("Chicken Vindaloo", "naan"));

        assertThat(request.filterExpression()).isEqualTo(
                "#s = :s AND ((contains(#kw, :kw0) AND contains(#kw, :kw1)) OR contains(#kw, :kw2))");
        assertThat(request.expressionAttributeValues()).containsEntry(":s", AttributeValue.fromS("CANCELLED"))
                .containsEntry(":kw0", AttributeValue.fromS("chicken"))
                .containsEntry(":kw1", AttributeValue.fromS("vindaloo"))
                .containsEntry(":kw2", AttributeValue.fromS("naan"));
    }

    @Test
    void oneKeyword_needsNoParentheses() {
        assertThat(request(OrderHistoryFilter.all().withKeywords("pizza")).filterExpression())
                .isEqualTo("contains(#kw, :kw0)");
    }

    @Test
    void theStartKey_isTheIndexKeyAndTheTableKey_ofThePosition() {
        Map<String, AttributeValue> key = HistoryRequests.startKey("c1", new PageTokens.Position(1234L, "4711"));

        assertThat(key).isEqualTo(Map.of("orderId", AttributeValue.fromS("4711"),
                "consumerId", AttributeValue.fromS("c1"), "creationDate", AttributeValue.fromN("1234")));
        assertThat(HistoryRequests.history("orders", "c1", OrderHistoryFilter.all(), Optional.of(key), 5)
                .exclusiveStartKey()).isEqualTo(key);
    }
}
