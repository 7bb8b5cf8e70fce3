package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.fixture.ExpectedHistory;
import dev.reproject.orderhistory.fixture.FakeOrderTable;
import dev.reproject.orderhistory.fixture.Pages;
import dev.reproject.orderhistory.fixture.TestOrder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The paging loop of {@link OrderHistoryQuery} over {@link FakeOrderTable}: DynamoDB's paging, in memory. */
class OrderHistoryQueryTest {

    private static final String CONSUMER = "4711";

    /** No read budget, at most {@code maxEvaluated} items a {@code Query} call. */
    static OrderHistoryQuery perQuery(DynamoDbClient client, String table, int maxEvaluated) {
        return new OrderHistoryQuery(client, table, PageTokenKey.SANDBOX, Integer.MAX_VALUE, maxEvaluated,
                (read, queries, partial) -> {
                });
    }

    /** {@code n} orders of {@link #CONSUMER}, one a minute, every {@code tenth} of them with "saffron". */
    private static List<TestOrder> orders(int n) {
        List<TestOrder> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String dish = i % 10 == 3 ? "Saffron Rice" : "Fried Rice";
            orders.add(new TestOrder(Integer.toString(100 + i), CONSUMER, "APPROVED", 1_000_000L + 60_000L * i, 1,
                    "Ajanta", "4.75", List.of(new TestOrder.Line("1", dish, "4.75", 1))));
        }
        orders.add(new TestOrder("other", "someone else", "APPROVED", 1_000_000L, 1, "Ajanta", "4.75", List.of()));
        return orders;
    }

    private static final Predicate<Map<String, AttributeValue>> SAFFRON = item -> item.containsKey("keywords")
            && item.get("keywords").ss().contains("saffron");

    private static FakeOrderTable table(List<TestOrder> orders, Predicate<Map<String, AttributeValue>> filter) {
        return new FakeOrderTable(orders.stream().map(TestOrder::item).toList(), filter);
    }

    private static List<TestOrder> expected(List<TestOrder> orders, List<String> keywords) {
        return new ExpectedHistory(CONSUMER, Optional.empty(), keywords, Optional.empty(), Optional.empty()).of(orders);
    }

    @Nested
    class FullPages {

        @Test
        void aSelectiveFilter_stillFillsEveryPage_whateverEachRequestReads() {
            List<TestOrder> orders = orders(200); // 20 with saffron
            for (int maxEvaluated : List.of(1, 3, 8, 1000)) {
                FakeOrderTable fake = table(orders, SAFFRON);
                OrderHistoryQuery query = perQuery(fake, "t", maxEvaluated);

                List<OrderHistoryPage> pages = Pages.all(query, CONSUMER,
                        OrderHistoryFilter.all().withKeywords("saffron")
                                .withPageSize(7));

                assertThat(pages).extracting(p -> p.orders().size()).containsExactly(7, 7, 6);
                Pages.assertFull(pages, 7, "by " + maxEvaluated);
                ExpectedHistory.assertSameHistory(Pages.orders(pages), expected(orders, List.of("saffron")),
                        "at most " + maxEvaluated + " a request");
            }
        }

        @Test
        void aHistoryEndingOnAPageBoundary_hasNoEmptyLastPage_evenWhenDynamoDbSaysThereMayBeMore() {
            FakeOrderTable fake = table(orders(14), item -> true);

            List<OrderHistoryPage> pages = Pages.all(new OrderHistoryQuery(fake, "t"), CONSUMER,
                    OrderHistoryFilter.all().withPageSize(7));

            assertThat(pages).extracting(p -> p.orders().size()).containsExactly(7, 7);
            assertThat(pages.get(1).nextPageToken()).isEmpty();
        }

        @Test
        void thePageSize_isNotACapOnTheHistory() {
            List<TestOrder> orders = orders(250);

            List<OrderHistoryPage> pages = Pages.all(new OrderHistoryQuery(table(orders, item -> true), "t"), CONSUMER,
                    OrderHistoryFilter.all().withPageSize(100));

            assertThat(pages).extracting(p -> p.orders().size()).containsExactly(100, 100, 50);
            ExpectedHistory.assertSameHistory(Pages.orders(pages), expected(orders, List.of()), "by 100");
        }

        @Test
        void withoutAFilter_eachRequestAsksForExactlyWhatThePageStillNeeds_plusOne() {
            FakeOrderTable fake = table(orders(30), item -> true);

            new OrderHistoryQuery(fake, "t").findOrderHistory(CONSUMER, OrderHistoryFilter.all().withPageSize(7));

            assertThat(fake.queries()).extracting(QueryRequest::limit).containsExactly(8);
        }
    }

    @Nested
    class Tokens {

        /** The look-ahead order was read but not returned: the next page must start with it, not after it. */
        @Test
        void theNextPageStartsRightAfterTheLastOrderReturned_notAfterTheLastOrderRead() {
            List<TestOrder> orders = orders(30);
            OrderHistoryQuery query = new OrderHistoryQuery(table(orders, item -> true), "t");
            List<TestOrder> expected = expected(orders, List.of());

            OrderHistoryPage first = query.findOrderHistory(CONSUMER, OrderHistoryFilter.all().withPageSize(7));
            OrderHistoryPage second = query.findOrderHistory(CONSUMER, OrderHistoryFilter.all().withPageSize(7)
                    .withPageToken(first.nextPageToken()));

            assertThat(first.orders()).extracting(Order::orderId)
                    .containsExactlyElementsOf(expected.subList(0, 7).stream().map(TestOrder::orderId).toList());
            assertThat(second.orders()).extracting(Order::orderId)
                    .containsExactlyElementsOf(expected.subList(7, 14).stream().map(TestOrder::orderId).toList());
        }

        @Test
        void aTokenResumesFromItsPosition_thePageSizeMayChange() {
            List<TestOrder> orders = orders(30);
            OrderHistoryQuery query = new OrderHistoryQuery(table(orders, item -> true), "t");

            OrderHistoryPage first = query.findOrderHistory(CONSUMER, OrderHistoryFilter.all().withPageSize(5));
            OrderHistoryPage rest = query.findOrderHistory(CONSUMER, OrderHistoryFilter.all().withPageSize(100)
                    .withPageToken(first.nextPageToken()));

            assertThat(rest.orders()).hasSize(25);
            assertThat(rest.nextPageToken()).isEmpty();
        }

        @Test
        void aTokenOfAnotherConsumer_isABadPageToken_beforeAnyRequest() {
            FakeOrderTable fake = table(orders(30), item -> true);
            OrderHistoryQuery query = new OrderHistoryQuery(fake, "t");
            String token = query.findOrderHistory(CONSUMER, OrderHistoryFilter.all().withPageSize(5))
                    .nextPageToken().orElseThrow();

            assertThatThrownBy(() -> query.findOrderHistory("someone else", OrderHistoryFilter.all()
                    .withPageSize(5).withPageToken(Optional.of(token)))).isInstanceOf(BadQueryException.class);
            assertThat(fake.queries()).hasSize(1);
        }
    }

    @Test
    void aTimeRangeWithinOneMillisecond_isEmpty_withoutARequest() {
        FakeOrderTable fake = table(orders(3), item -> true);
        java.time.Instant t = java.time.Instant.ofEpochMilli(1_000_000L);

        OrderHistoryPage page = new OrderHistoryQuery(fake, "t").findOrderHistory(CONSUMER, OrderHistoryFilter.all()
                .withSince(t.plusNanos(1)).withUntil(t.plusNanos(2)));

        assertThat(page.orders()).isEmpty();
        assertThat(page.nextPageToken()).isEmpty();
        assertThat(fake.queries()).isEmpty();
    }
}
