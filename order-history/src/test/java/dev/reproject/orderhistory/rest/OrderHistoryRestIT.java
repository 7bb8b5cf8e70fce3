package dev.reproject.orderhistory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.orderhistory.fixture.ExpectedHistory;
import dev.reproject.orderhistory.fixture.JsonOrders;
import dev.reproject.orderhistory.fixture.SampleOrders;
import dev.reproject.orderhistory.fixture.SampleTable;
import dev.reproject.orderhistory.fixture.TestOrder;
import dev.reproject.orderhistory.query.Order;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.reproject.orderhistory.fixture.SampleOrders.BIG;
import static dev.reproject.orderhistory.fixture.SampleOrders.MEDIUM;
import static dev.reproject.orderhistory.fixture.SampleOrders.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST endpoints over real HTTP ({@link HttpClient}) on the dynalite table of {@link SampleOrders}: a subset of
 * the query grid (every status and keyword set, two windows, page sizes 7 and 100, paged to the end) and every
 * kind of bad request, which must be a 400 or 404 with a JSON error, never a 500.
 */
@ExtendWith(LocalServersExtension.class)
class OrderHistoryRestIT {

    private static final List<List<String>> KEYWORDS = SampleOrders.KEYWORD_SETS;
    private static final List<Optional<String>> STATUSES = SampleOrders.STATUS_FILTERS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private static SampleTable table;
    private static OrderHistoryServer server;
    private static HttpClient http;

    @BeforeAll
    static void start(LocalServers servers) throws IOException {
        table = SampleTable.shared(servers);
        server = OrderHistoryServer.start(new InetSocketAddress("127.0.0.1", 0),
                new OrderHistoryQuery(table.client(), table.name()), 4);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        System.out.printf("OrderHistoryRestIT: %,d HTTP requests%n", REQUESTS.get());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        REQUESTS.incrementAndGet();
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode error(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").textValue()).isEqualTo(code);
        assertThat(body.get("message").textValue()).isNotBlank().doesNotContain("Exception");
        return body;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String query(ExpectedHistory expected, int pageSize) {
        StringBuilder query = new StringBuilder("/orders?consumerId=" + encode(expected.consumer())
                + "&pageSize=" + pageSize);
        expected.status().ifPresent(s -> query.append("&status=").append(s));
        expected.keywords().forEach(k -> query.append("&keyword=").append(encode(k)));
        expected.since().ifPresent(t -> query.append("&since=").append(encode(t.toString())));
        expected.until().ifPresent(t -> query.append("&until=").append(encode(t.toString())));
        return query.toString();
    }

    /** Every page of a history over HTTP, checked for full pages and against the expected orders. */
    private static void check(ExpectedHistory expected, int pageSize) throws Exception {
        String first = query(expected, pageSize);
        List<Order> orders = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = ok(get(token == null ? first : first + "&pageToken=" + encode(token)));
            pages++;
            List<Order> these = JsonOrders.orders(page);
            JsonNode next = page.get("nextPageToken");
            assertThat(next).as("nextPageToken is always there").isNotNull();
            token = next.isNull() ? null : next.textValue();
            assertThat(these.size()).as("%s page %d", first, pages)
                    .isEqualTo(token != null ? pageSize : these.size())
                    .isGreaterThan(token == null && pages == 1 ? -1 : 0);
            orders.addAll(these);
        } while (token != null);
        ExpectedHistory.assertSameHistory(orders, expected.of(table.orders()), first);
    }

    @Test
    void everyStatusAndKeywordSet_inTwoWindows_by7And100() throws Exception {
        Map<String, Instant[]> windows = ExpectedHistory.windows(table.orders(), MEDIUM);
        int combinations = 0;
        for (String window : List.of("all time", "between ties, off the millisecond")) {
            for (Optional<String> status : STATUSES) {
                for (List<String> keywords : KEYWORDS) {
                    for (int pageSize : List.of(7, 100)) {
                        check(new ExpectedHistory(MEDIUM, status, keywords, Optional.ofNullable(windows.get(window)[0]),
                                Optional.ofNullable(windows.get(window)[1])), pageSize);
                        combinations++;
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(2 * 5 * 8 * 2);
    }

    @Test
    void pageSizeOne_sinceAndUntilAtTies() throws Exception {
        Instant[] between = ExpectedHistory.windows(table.orders(), SMALL).get("between ties");
        for (List<String> keywords : List.of(List.<String>of(), List.of("pizza", "noodle"))) {
            check(new ExpectedHistory(SMALL, Optional.empty(), keywords, Optional.of(between[0]),
                    Optional.of(between[1])), 1);
        }
    }

    @Test
    void anInstantWithAnOffset_andAPlusForASpace() throws Exception {
        // 2026-11-01T12:00:00+01:00, the '+' percent-encoded; "chicken+vindaloo" is the form encoding of a space
        ExpectedHistory expected = new ExpectedHistory(BIG, Optional.empty(), List.of("chicken vindaloo"),
                Optional.of(Instant.parse("2026-11-01T11:00:00Z")), Optional.empty());
        JsonNode page = ok(get("/orders?consumerId=" + BIG + "&keyword=chicken+vindaloo&pageSize=100"
                + "&since=2026-11-01T12:00:00%2B01:00"));

        List<TestOrder> all = expected.of(table.orders());
        ExpectedHistory.assertSameHistory(JsonOrders.orders(page), all.subList(0, Math.min(100, all.size())), "offset");
    }

    @Test
    void anOrder_isTheOrderAsWritten() throws Exception {
        for (TestOrder order : List.of(table.orders().get(0), table.orders().get(1234), table.orders().get(2399))) {
            assertThat(JsonOrders.order(ok(get("/orders/" + order.orderId())))).isEqualTo(order.expected());
        }
    }

    @Nested
    class BadRequests {

        private String pizzaToken() throws Exception {
            return ok(get("/orders?consumerId=" + BIG + "&keyword=pizza&pageSize=3")).get("nextPageToken").textValue();
        }

        @Test
        void garbledForgedAndForeignTokens_are400BadPageToken() throws Exception {
            String token = pizzaToken();
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    payload.replace(BIG, MEDIUM).getBytes(StandardCharsets.UTF_8))
                    + token.substring(token.indexOf('.'));
            String base = "/orders?consumerId=" + BIG + "&keyword=pizza&pageSize=3&pageToken=";

            assertThat(error(get(base + "garbage"), 400, "bad-page-token").get("message").textValue())
                    .contains("garbled or altered");
            error(get(base + encode(token.substring(1))), 400, "bad-page-token");
            error(get(base + encode(token.replace('.', '!'))), 400, "bad-page-token");
            assertThat(error(get("/orders?consumerId=" + MEDIUM + "&keyword=pizza&pageSize=3&pageToken="
                    + encode(forged)), 400, "bad-page-token").get("message").textValue())
                    .contains("garbled or altered");
            assertThat(error(get("/orders?consumerId=" + MEDIUM + "&keyword=pizza&pageSize=3&pageToken="
                    + encode(token)), 400, "bad-page-token").get("message").textValue()).contains("another consumer");
            assertThat(error(get("/orders?consumerId=" + BIG + "&keyword=sushi&pageSize=3&pageToken="
                    + encode(token)), 400, "bad-page-token").get("message").textValue()).contains("another filter");
            assertThat(error(get("/orders?consumerId=" + BIG + "&pageSize=3&pageToken=" + encode(token)), 400,
                    "bad-page-token").get("message").textValue()).contains("another filter");
            // and the right one still works
            assertThat(ok(get(base + encode(token))).get("orders")).hasSize(3);
        }

        @Test
        void badParameters_are400BadParameter_namingTheParameter() throws Exception {
            Map<String, String> mistakes = Map.ofEntries(
                    Map.entry("pageSize=0", "pageSize"),
                    Map.entry("pageSize=101", "pageSize"),
                    Map.entry("pageSize=abc", "pageSize"),
                    Map.entry("pageSize=", "pageSize"),
                    Map.entry("status=SHIPPED", "status 'SHIPPED' is not an order status"),
                    Map.entry("since=yesterday", "since must be an ISO-8601 instant"),
                    Map.entry("until=2026-13-01T00:00:00Z", "until must be an ISO-8601 instant"),
                    Map.entry("since=2026-11-30T10:00:00+01:00", "since must be an ISO-8601 instant"), // raw '+'
                    Map.entry("since=2026-12-01T00:00:00Z&until=2026-11-01T00:00:00Z", "must be later than"),
                    Map.entry("keyword=%21%21", "no letter or digit"),
                    Map.entry("colour=red", "unknown parameter 'colour'"),
                    Map.entry("pageSize=5&pageSize=6", "pageSize is given 2 times"));
            for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
                assertThat(error(get("/orders?consumerId=" + BIG + "&" + mistake.getKey()), 400, "bad-parameter")
                        .get("message").textValue()).as(mistake.getKey()).contains(mistake.getValue());
            }
            error(get("/orders?status=APPROVED"), 400, "bad-parameter");
        }

        @Test
        void anUnknownConsumer_hasAnEmptyHistory_anUnknownOrderIs404() throws Exception {
            JsonNode page = ok(get("/orders?consumerId=nobody"));
            assertThat(page.get("orders")).isEmpty();
            assertThat(page.get("nextPageToken").isNull()).isTrue();

            assertThat(error(get("/orders/nobody"), 404, "not-found").get("message").textValue())
                    .contains("no order 'nobody'");
            error(get("/orders/900001"), 404, "not-found"); // only a status event: no order
        }
    }
}
