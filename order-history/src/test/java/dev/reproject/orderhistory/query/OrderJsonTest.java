package dev.reproject.orderhistory.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.orderhistory.fixture.TestOrder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An item as the view writes it → {@link Order} ({@link OrderItems}) → CONTRACT.md §4's JSON ({@link OrderJson}). */
class OrderJsonTest {

    private static final TestOrder ORDER = new TestOrder("4711", "1511300065921", "APPROVED", 1796083200123L, 1,
            "Ajanta", "61.70", List.of(new TestOrder.Line("1", "Chicken Vindaloo", "12.34", 5)));

    @Test
    void anOrder_isTheItemWithoutItsMarkers_numbersAsNumbers() throws Exception {
        Order order = OrderItems.toOrder(ORDER.item()).orElseThrow();

        assertThat(new ObjectMapper().readTree(OrderJson.write(OrderJson.toMap(order)))).isEqualTo(new ObjectMapper()
                .readTree(
                        """
                                {"orderId":"4711","consumerId":"1511300065921","orderStatus":"APPROVED",
                                 "creationDate":1796083200123,"restaurantId":1,"restaurantName":"Ajanta","orderTotal":"61.70",
                                 "lineItems":[{"menuItemId":"1","menuItemName":"Chicken Vindaloo","price":"12.34","quantity":5}],
                                 "keywords":["ajanta","chicken","vindaloo"]}"""));
        assertThat(OrderJson.write(OrderJson.toMap(order))).startsWith("{\"orderId\":\"4711\",\"consumerId\":");
    }

    @Test
    void aPage_hasItsToken_nullOnTheLastPage() {
        Order order = OrderItems.toOrder(ORDER.item()).orElseThrow();

        assertThat(OrderJson.write(OrderJson.toMap(new OrderHistoryPage(List.of(), Optional.empty()))))
                .isEqualTo("{\"orders\":[],\"nextPageToken\":null}");
        assertThat(OrderJson.write(OrderJson.toMap(new OrderHistoryPage(List.of(order), Optional.of("a.b")))))
                .startsWith("{\"orders\":[{\"orderId\":\"4711\"").endsWith("],\"nextPageToken\":\"a.b\"}");
    }

    @Test
    void anError() {
        assertThat(OrderJson.write(OrderJson.error("bad-parameter", "pageSize \"x\""))).isEqualTo(
                "{\"error\":\"bad-parameter\",\"message\":\"pageSize \\\"x\\\"\"}");
    }

    @Test
    void anOrderWithoutKeywordsOrLineItems_hasEmptyArrays() {
        TestOrder bare = new TestOrder("1", "c", "REJECTED", 5L, 11, "---", "0.00", List.of());

        Order order = OrderItems.toOrder(bare.item()).orElseThrow();

        assertThat(bare.item()).doesNotContainKey("keywords");
        assertThat(order.keywords()).isEmpty();
        assertThat(order.lineItems()).isEmpty();
    }

    @Test
    void anItemWithoutCreationDate_isNoOrder() {
        assertThat(OrderItems.toOrder(Map.of("orderId", AttributeValue.fromS("1"),
                "orderStatus", AttributeValue.fromS("APPROVED")))).isEmpty();
        assertThat(OrderItems.toOrder(Map.of())).isEmpty();
        assertThat(OrderItems.toOrder(null)).isEmpty();
    }

    @Test
    void anItemOfAnotherShape_isAServerSideError_namingTheOrderAndAttribute() {
        Map<String, AttributeValue> item = new java.util.HashMap<>(ORDER.item());
        item.put("restaurantId", AttributeValue.fromS("one"));

        assertThatThrownBy(() -> OrderItems.toOrder(item)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("4711").hasMessageContaining("restaurantId");
    }
}
