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

    /** {@code --max-items-read}: a selective filter on a long history reads a bounded amount per request. */
    @Nested
    class ReadBudget {

        /**
         * Hand-checked: 30 orders one a minute (ids 100–129, newest 129), only order 105 has saffron, 10 items read a
         * request. Request 1 reads 129–120, request 2 119–110, request 3 109–100 and finds 105 (and DynamoDB, having
         * hit its limit, still says more may follow), request 4 reads nothing more.
         */
        @Test
        void aMatchBeyondTheBudget_comesOnALaterPage_afterPartialPages() {
            List<TestOrder> orders = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                orders.add(new TestOrder(Integer.toString(100 + i), CONSUMER, "APPROVED", 1_000_000L + 60_000L * i, 1,
                        "Ajanta", "4.75", List.of(new TestOrder.Line("1", i == 5 ? "Saffron Rice" : "Fried Rice",
                                "4.75", 1))));
            }
            FakeOrderTable fake = table(orders, SAFFRON);
            OrderHistoryQuery query = new OrderHistoryQuery(fake, "t", PageTokenKey.SANDBOX, 10);

            List<OrderHistoryPage> pages = Pages.all(query, CONSUMER, OrderHistoryFilter.all().withKeywords("saffron")
                    .withPageSize(5));

            assertThat(pages).extracting(p -> p.orders().size()).containsExactly(0, 0, 1, 0);
            assertThat(pages).extracting(p -> p.nextPageToken().isPresent()).containsExactly(true, true, true, false);
            assertThat(pages.get(2).orders()).extracting(Order::orderId).containsExactly("105");
            assertThat(fake.queries()).extracting(QueryRequest::limit).containsExactly(10, 10, 10, 10);
            assertThat(fake.queries().get(1).exclusiveStartKey().get("orderId").s()).isEqualTo("120");
            assertThat(fake.queries().get(2).exclusiveStartKey().get("orderId").s()).isEqualTo("110");
        }

        @Test
        void partialPages_neitherSkipNorRepeat_andNoRequestReadsMoreThanTheBudget() {
            List<TestOrder> orders = orders(200); // 20 with saffron, every tenth
            for (int budget : List.of(1, 7, 10, 25, 64)) {
                for (int pageSize : List.of(1, 3, 7)) {
                    FakeOrderTable fake = table(orders, SAFFRON);
                    OrderHistoryQuery query = new OrderHistoryQuery(fake, "t", PageTokenKey.SANDBOX, budget);
                    List<Integer> read = new ArrayList<>();
                    OrderHistoryQuery counting = query
                            .withReadListener((items, calls, partial) -> read.add((int) items));

                    List<OrderHistoryPage> pages = Pages.all(counting, CONSUMER, OrderHistoryFilter.all()
                            .withKeywords("saffron").withPageSize(pageSize));

                    String description = "budget " + budget + ", page size " + pageSize;
                    ExpectedHistory.assertSameHistory(Pages.orders(pages), expected(orders, List.of("saffron")),
                            description);
                    assertThat(read).as(description).allSatisfy(n -> assertThat(n).isBetween(0, budget));
                    assertThat(pages).as(description).allSatisfy(p -> assertThat(p.orders()).hasSizeLessThanOrEqualTo(
                            pageSize));
                }
            }
        }

        @Test
        void withoutAFilter_theBudgetNeverCutsAPage_ofUpTo100() {
            FakeOrderTable fake = table(orders(250), item -> true);

            List<OrderHistoryPage> pages = Pages.all(new OrderHistoryQuery(fake, "t"), CONSUMER,
                    OrderHistoryFilter.all().withPageSize(100));

            assertThat(pages).extracting(p -> p.orders().size()).containsExactly(100, 100, 50);
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
