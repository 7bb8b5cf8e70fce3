package dev.reproject.orderhistory.query;

import dev.reproject.aws.dynamodb.TestDynalite;
import dev.reproject.orderhistory.fixture.Pages;
import dev.reproject.orderhistory.fixture.TestOrder;
import dev.reproject.orderhistory.view.OrderHistoryView;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --max-items-read} on dynalite, hand-checked: consumer 4711 has 30 orders, one a minute (ids 100–129, newest
 * 129), and only order 105 has saffron. At 10 items a request, the first two pages read 129–120 and 119–110 and are
 * empty with a token; the third reads 109–100 and returns 105, with a token since DynamoDB, at its limit, cannot know
 * that nothing follows; the fourth reads nothing and ends the history.
 */
@ExtendWith(LocalServersExtension.class)
class ReadBudgetIT {

    @Test
    void aMatchBeyondTheBudget_comesAfterEmptyPartialPages(LocalServers servers) {
        DynamoDbClient client = TestDynalite.client(servers);
        String table = TestDynalite.createTable(client, "budget", new OrderHistoryView().table());
        for (int i = 0; i < 30; i++) {
            TestOrder order = new TestOrder(Integer.toString(100 + i), "4711", "APPROVED", 1_000_000L + 60_000L * i, 1,
                    "Ajanta", "4.75", List.of(new TestOrder.Line("1", i == 5 ? "Saffron Rice" : "Fried Rice",
                            "4.75", 1)));
            client.putItem(b -> b.tableName(table).item(order.item()));
        }
        List<Long> read = new ArrayList<>();
        OrderHistoryQuery query = new OrderHistoryQuery(client, table, PageTokenKey.SANDBOX, 10)
                .withReadListener((items, calls, partial) -> read.add(items));

        List<OrderHistoryPage> pages = Pages.all(query, "4711", OrderHistoryFilter.all().withKeywords("saffron")
                .withPageSize(5));

        assertThat(pages).extracting(p -> p.orders().size()).containsExactly(0, 0, 1, 0);
        assertThat(pages).extracting(p -> p.nextPageToken().isPresent()).containsExactly(true, true, true, false);
        assertThat(pages.get(2).orders()).extracting(Order::orderId).containsExactly("105");
        assertThat(read).containsExactly(10L, 10L, 10L, 0L);
    }
}
