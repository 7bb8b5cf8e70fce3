package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.fixture.ExpectedHistory;
import dev.reproject.orderhistory.fixture.Pages;
import dev.reproject.orderhistory.fixture.SampleOrders;
import dev.reproject.orderhistory.fixture.SampleTable;
import dev.reproject.orderhistory.fixture.TestOrder;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.reproject.orderhistory.fixture.SampleOrders.BIG;
import static dev.reproject.orderhistory.fixture.SampleOrders.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FTGO's {@code OrderHistoryDaoDynamoDb} had four paging bugs; each test here fails on one of them. The queries
 * run on dynalite over the sample orders, also with DynamoDB requests of at most 5 items ({@code smallReads}), so
 * that a page ends inside a request all the time.
 */
@ExtendWith(LocalServersExtension.class)
class FtgoPagingBugsIT {

    private static SampleTable table;
    private static OrderHistoryQuery query;
    private static OrderHistoryQuery smallReads;

    @BeforeAll
    static void load(LocalServers servers) {
        table = SampleTable.shared(servers);
        query = new OrderHistoryQuery(table.client(), table.name());
        smallReads = OrderHistoryQueryTest.perQuery(table.client(), table.name(), 5);
    }

    private static List<TestOrder> expected(String consumer, List<String> keywords) {
        return new ExpectedHistory(consumer, Optional.empty(), keywords, Optional.empty(), Optional.empty())
                .of(table.orders());
    }

    /** FTGO AND-ed the keyword conditions and gave them one shared placeholder, so only one keyword counted. */
    @Test
    void keywordsAreOred_eachWithItsOwnPlaceholder() {
        List<TestOrder> pizza = expected(BIG, List.of("pizza"));
        List<TestOrder> sushi = expected(BIG, List.of("sushi"));
        List<TestOrder> either = expected(BIG, List.of("pizza", "sushi"));
        assertThat(pizza).isNotEmpty();
        assertThat(sushi).isNotEmpty();
        assertThat(either.size()).isGreaterThan(Math.max(pizza.size(), sushi.size())); // AND would give fewer

        List<Order> got = Pages.orders(Pages.all(query, BIG, OrderHistoryFilter.all().withKeywords("pizza", "sushi")
                .withPageSize(100)));

        ExpectedHistory.assertSameHistory(got, either, "pizza OR sushi");
        assertThat(got).anyMatch(o -> o.keywords().contains("pizza") && !o.keywords().contains("sushi"))
                .anyMatch(o -> o.keywords().contains("sushi") && !o.keywords().contains("pizza"));
    }

    /** FTGO passed the page size as the query's result cap: it is a page size, not a limit on the whole history. */
    @Test
    void pageSizeIsThePageSize_notACapOnTheHistory() {
        List<OrderHistoryPage> pages = Pages.all(query, BIG, OrderHistoryFilter.all().withPageSize(7));

        assertThat(pages).hasSize((400 + 6) / 7);
        Pages.assertFull(pages, 7, "all of BIG by 7");
        ExpectedHistory.assertSameHistory(Pages.orders(pages), expected(BIG, List.of()), "by 7");
        assertThat(query.findOrderHistory(BIG, OrderHistoryFilter.all()).orders()).hasSize(20);
        assertThat(query.findOrderHistory(BIG, OrderHistoryFilter.all().withPageSize(100)).orders()).hasSize(100);
    }

    /** FTGO returned whatever one DynamoDB request held after the filter: short, even empty, pages. */
    @Test
    void pagesAreFull_underASelectiveFilter() {
        List<TestOrder> expected = expected(BIG, List.of("saffron"));
        for (OrderHistoryQuery on : List.of(query, smallReads)) {
            List<OrderHistoryPage> pages = Pages.all(on, BIG, OrderHistoryFilter.all().withKeywords("saffron")
                    .withPageSize(7));

            assertThat(pages).hasSize((expected.size() + 6) / 7);
            Pages.assertFull(pages, 7, "saffron by 7");
            ExpectedHistory.assertSameHistory(Pages.orders(pages), expected, "saffron by 7");
        }
    }

    /**
     * FTGO's token was DynamoDB's LastEvaluatedKey of the last request, beyond items read but not returned; and a
     * history whose end fell on a page boundary got an empty last page.
     */
    @Test
    void tokensResumeRightAfterTheLastOrderReturned_andNoLastPageIsEmpty() throws Exception {
        for (int pageSize : List.of(1, 2, 3, 7)) {
            for (List<String> keywords : List.of(List.<String>of(), List.of("pizza"), List.of("saffron"))) {
                Pages.assertHistory(smallReads, new ExpectedHistory(MEDIUM, Optional.empty(), keywords,
                        Optional.empty(), Optional.empty()), pageSize, table.orders());
            }
        }
        int size = expected(MEDIUM, List.of()).size();
        assertThat(size % 2).isZero();

        List<OrderHistoryPage> pages = Pages.all(query, MEDIUM, OrderHistoryFilter.all().withPageSize(size / 2));

        assertThat(pages).hasSize(2);
        assertThat(pages.get(1).orders()).hasSize(size / 2);
        assertThat(pages.get(1).nextPageToken()).isEmpty();
    }

    @Test
    void pageSizeOne_throughSixHoursOfTheLongHistory_everyStatus() {
        Instant from = ExpectedHistory.windows(table.orders(), BIG).get("between ties")[0];
        for (Optional<String> status : SampleOrders.STATUS_FILTERS) {
            Pages.assertHistory(smallReads, new ExpectedHistory(BIG, status, List.of(), Optional.of(from),
                    Optional.of(from.plusSeconds(6 * 3600))), 1, table.orders());
        }
    }
}
