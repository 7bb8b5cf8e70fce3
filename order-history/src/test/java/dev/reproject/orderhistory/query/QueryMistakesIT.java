package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.fixture.SampleTable;
import dev.reproject.orderhistory.view.OrderStatus;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static dev.reproject.orderhistory.fixture.SampleOrders.BIG;
import static dev.reproject.orderhistory.fixture.SampleOrders.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client mistakes against the real table: bad page tokens, unknown and malformed ids, a missing table. */
@ExtendWith(LocalServersExtension.class)
class QueryMistakesIT {

    private static SampleTable table;
    private static OrderHistoryQuery query;
    private final OrderHistoryFilter pizza = OrderHistoryFilter.all().withKeywords("pizza").withPageSize(3);

    @BeforeAll
    static void load(LocalServers servers) {
        table = SampleTable.shared(servers);
        query = new OrderHistoryQuery(table.client(), table.name());
    }

    private String secondPageToken() {
        return query.findOrderHistory(BIG, pizza).nextPageToken().orElseThrow();
    }

    private static void assertBadPageToken(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadQueryException.class,
                e -> assertThat(e.code()).isEqualTo("bad-page-token")).hasMessageContaining(message);
    }

    @Test
    void garbledTokens() {
        String token = secondPageToken();
        int dot = token.indexOf('.');
        for (String garbled : List.of("abc", "", ".", token.substring(0, token.length() - 2),
                token.substring(0, dot) + "X" + token.substring(dot), token + "=", "%%%%", "null", token + token)) {
            assertBadPageToken(() -> query.findOrderHistory(BIG, pizza.withPageToken(Optional.of(garbled))), "garbled");
        }
    }

    @Test
    void forgedTokens() {
        String token = secondPageToken();
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String moved = payload.replaceAll("\"d\":\\d+", "\"d\":1");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(moved.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertBadPageToken(() -> query.findOrderHistory(BIG, pizza.withPageToken(Optional.of(forged))), "altered");
    }

    @Test
    void foreignTokens_ofAnotherConsumerOrFilter() {
        String token = secondPageToken();

        assertBadPageToken(() -> query.findOrderHistory(MEDIUM, pizza.withPageToken(Optional.of(token))),
                "another consumer");
        assertBadPageToken(() -> query.findOrderHistory(BIG, pizza.withKeywords("sushi")
                .withPageToken(Optional.of(token))), "another filter");
        assertBadPageToken(() -> query.findOrderHistory(BIG, pizza.withStatus(OrderStatus.APPROVED)
                .withPageToken(Optional.of(token))), "another filter");
        // the same filter spelled otherwise, with another page size, continues
        assertThat(query.findOrderHistory(BIG, pizza.withKeywords("PIZZA").withPageSize(50)
                .withPageToken(Optional.of(token))).orders()).isNotEmpty();
    }

    @Test
    void anUnknownConsumer_hasAnEmptyHistory_anUnknownOrderIsEmpty() {
        OrderHistoryPage page = query.findOrderHistory("no-such-consumer", OrderHistoryFilter.all());

        assertThat(page.orders()).isEmpty();
        assertThat(page.nextPageToken()).isEmpty();
        assertThat(query.findOrder("no-such-order")).isEmpty();
    }

    @Test
    void emptyAndOverlongIds_areBadParameters() {
        assertThatThrownBy(() -> query.findOrder("")).isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> query.findOrder("x".repeat(2049))).hasMessageContaining("2048 bytes");
        assertThatThrownBy(() -> query.findOrderHistory("", OrderHistoryFilter.all()))
                .isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> query.findOrderHistory("é".repeat(1025), OrderHistoryFilter.all()))
                .hasMessageContaining("2048 bytes");
    }

    @Test
    void aMissingTable_isTableNotFound() {
        OrderHistoryQuery nowhere = new OrderHistoryQuery(table.client(), "no-such-table");

        assertThatThrownBy(() -> nowhere.findOrder("1")).isInstanceOf(TableNotFoundException.class);
        assertThatThrownBy(() -> nowhere.findOrderHistory(BIG, OrderHistoryFilter.all()))
                .isInstanceOf(TableNotFoundException.class).hasMessageContaining("no-such-table");
    }
}
