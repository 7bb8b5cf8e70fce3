package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.fixture.CountingDynamoDb;
import dev.reproject.orderhistory.fixture.ExpectedHistory;
import dev.reproject.orderhistory.fixture.Pages;
import dev.reproject.orderhistory.fixture.SampleOrders;
import dev.reproject.orderhistory.fixture.SampleTable;
import dev.reproject.orderhistory.fixture.TestOrder;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.reproject.orderhistory.fixture.SampleOrders.BIG;
import static dev.reproject.orderhistory.fixture.SampleOrders.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Query API on dynalite over {@link SampleOrders}: every combination of status, keywords, time window and page
 * size against the history {@link ExpectedHistory} works out by plain filtering and sorting. FTGO's paging bugs
 * are {@link FtgoPagingBugsIT}'s, client mistakes {@link QueryMistakesIT}'s.
 */
@ExtendWith(LocalServersExtension.class)
class OrderHistoryQueryIT {

    static final List<List<String>> KEYWORDS = SampleOrders.KEYWORD_SETS;
    static final List<Optional<String>> STATUSES = SampleOrders.STATUS_FILTERS;
    static final List<Integer> PAGE_SIZES = List.of(1, 7, 100);

    private static SampleTable table;
    private static CountingDynamoDb calls;
    private static OrderHistoryQuery query;

    @BeforeAll
    static void load(LocalServers servers) {
        table = SampleTable.shared(servers);
        calls = new CountingDynamoDb(table.client());
        query = new OrderHistoryQuery(calls, table.name());
    }

    @AfterAll
    static void report() {
        System.out.printf("OrderHistoryQueryIT: %,d Query and %,d GetItem requests%n", calls.queries(),
                calls.getItems());
    }

    @Test
    void theTestData_isWhatTheGridNeeds() {
        assertThat(table.orders()).hasSizeGreaterThanOrEqualTo(2_000);
        assertThat(table.orders().stream().map(TestOrder::consumerId).distinct()).hasSizeGreaterThanOrEqualTo(20);
        long ties = table.orders().size() - table.orders().stream()
                .map(o -> o.consumerId() + "@" + o.creationDate()).distinct().count();
        assertThat(ties).isGreaterThan(200);
        List<TestOrder> big = table.orders().stream().filter(o -> o.consumerId().equals(BIG)).toList();
        long saffron = big.stream().filter(o -> o.matchesKeyword("saffron")).count();
        assertThat(saffron).isBetween(big.size() / 20L, big.size() / 6L); // selective: about 1 in 10
        assertThat(table.orders()).anyMatch(o -> o.words().isEmpty()).anyMatch(o -> o.lines().isEmpty());
        for (List<String> keywords : KEYWORDS.subList(1, KEYWORDS.size() - 1)) { // each keyword set finds something
            assertThat(new ExpectedHistory(SMALL, Optional.empty(), keywords, Optional.empty(), Optional.empty())
                    .of(table.orders())).as(keywords.toString()).isNotEmpty();
        }
    }

    /** One consumer through the whole grid: 8 keyword sets × 5 statuses × 5 windows × page sizes 1, 7 and 100. */
    @Test
    void everyCombination_returnsExactlyTheExpectedOrders_newestFirst_inFullPages() throws Exception {
        assertThat(grid(SMALL, ExpectedHistory.windows(table.orders(), SMALL).keySet(), PAGE_SIZES))
                .isEqualTo(8 * 5 * 5 * 3);
    }

    /** The consumer with 400 orders: every status and keyword set, all time and between ties, by 7 and by 100. */
    @Test
    void everyStatusAndKeywordSet_onALongHistory() throws Exception {
        assertThat(grid(BIG, List.of("all time", "between ties"), List.of(7, 100))).isEqualTo(8 * 5 * 2 * 2);
    }

    /** Every consumer's whole history, and one filter each (rotating through the grid's), by 100. */
    @Test
    void everyConsumer_getsOnlyItsOwnHistory() throws Exception {
        List<Runnable> checks = new ArrayList<>();
        for (int i = 0; i < SampleOrders.CONSUMERS.size(); i++) {
            String consumer = SampleOrders.CONSUMERS.get(i);
            Optional<String> status = STATUSES.get(i % STATUSES.size());
            List<String> keywords = KEYWORDS.get(i % KEYWORDS.size());
            checks.add(() -> Pages.assertHistory(query, new ExpectedHistory(consumer, Optional.empty(), List.of(),
                    Optional.empty(), Optional.empty()), 100, table.orders()));
            checks.add(() -> Pages.assertHistory(query, new ExpectedHistory(consumer, status, keywords,
                    Optional.empty(), Optional.empty()), 100, table.orders()));
        }
        Pages.runAll(checks);
    }

    private int grid(String consumer, Collection<String> windowNames, List<Integer> pageSizes) throws Exception {
        Map<String, Instant[]> windows = ExpectedHistory.windows(table.orders(), consumer);
        List<Runnable> checks = new ArrayList<>();
        for (String name : windowNames) {
            Instant[] window = windows.get(name);
            for (Optional<String> status : STATUSES) {
                for (List<String> keywords : KEYWORDS) {
                    ExpectedHistory expected = new ExpectedHistory(consumer, status, keywords,
                            Optional.ofNullable(window[0]), Optional.ofNullable(window[1]));
                    for (int pageSize : pageSizes) {
                        checks.add(() -> Pages.assertHistory(query, expected, pageSize, table.orders()));
                    }
                }
            }
        }
        Pages.runAll(checks);
        return checks.size();
    }

    @Test
    void findOrder_readsOrdersAsWritten_withoutMarkers() throws Exception {
        AtomicInteger found = new AtomicInteger();
        List<Runnable> checks = new ArrayList<>();
        for (int i = 0; i < table.orders().size(); i += 4) {
            TestOrder order = table.orders().get(i);
            checks.add(() -> {
                assertThat(query.findOrder(order.orderId())).contains(order.expected());
                found.incrementAndGet();
            });
        }
        Pages.runAll(checks);
        assertThat(found).hasValue((table.orders().size() + 3) / 4);
    }

    @Test
    void itemsWithoutAnOrderCreatedEvent_areNoOrders() {
        for (Map<String, AttributeValue> item : SampleOrders.statusOnlyItems()) {
            String id = item.get("orderId").s();
            assertThat(query.findOrder(id)).as(id).isEmpty();
        }
        Set<String> inHistories = new HashSet<>();
        for (String consumer : SampleOrders.CONSUMERS) {
            Pages.orders(Pages.all(query, consumer, OrderHistoryFilter.all().withPageSize(100)))
                    .forEach(o -> inHistories.add(o.orderId()));
        }
        assertThat(inHistories).hasSize(table.orders().size()).doesNotContain("900001", "900002", "900003");
    }
}
