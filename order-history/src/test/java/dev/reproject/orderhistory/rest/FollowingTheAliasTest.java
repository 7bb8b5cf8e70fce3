package dev.reproject.orderhistory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.orderhistory.fixture.FakeOrderTable;
import dev.reproject.orderhistory.fixture.TestOrder;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve follows the view's alias ({@link ServedTable}): over two in-memory tables whose order "1" differs, a watch
 * whose target the test moves. Every answer names its table, and its body is that table's.
 */
class FollowingTheAliasTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVERY = Duration.ofMillis(20);
    /** Order 1 as each table holds it: the status tells the tables apart. */
    private static final Map<String, String> STATUS = Map.of("blue", "APPROVED", "green", "CANCELLED");

    private final AtomicReference<String> target = new AtomicReference<>("blue");
    private OrderHistoryServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aMoveOfTheTarget_isFollowed_andEveryAnswerNamesItsTable() throws Exception {
        start(new TableWatch(target::get, EVERY));
        HttpResponse<String> before = get("/orders/1");

        target.set("green");
        awaitTable("green");
        HttpResponse<String> after = get("/orders/1");
        HttpResponse<String> missing = get("/orders/2");

        assertThat(before.headers().firstValue(OrdersHandler.TABLE_HEADER)).contains("blue");
        assertThat(JSON.readTree(before.body()).get("orderStatus").textValue()).isEqualTo("APPROVED");
        assertThat(after.headers().firstValue(OrdersHandler.TABLE_HEADER)).contains("green");
        assertThat(JSON.readTree(after.body()).get("orderStatus").textValue()).isEqualTo("CANCELLED");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue(OrdersHandler.TABLE_HEADER)).contains("green");
        assertThat(server.scrape()).contains("reproject_serve_table_switches_total 1.0");
    }

    @Test
    void aFailingRead_orATableThatDoesNotAnswer_keepsTheTableServed_andShowsOnHealth() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        start(new TableWatch(() -> {
            if (failing.get()) {
                throw new IllegalStateException("the catalog cannot be read");
            }
            return target.get();
        }, EVERY));
        awaitMetric("reproject_serve_alias_errors_total", 1);
        HttpResponse<String> health = get("/health");
        HttpResponse<String> order = get("/orders/1");
        failing.set(false);
        target.set("no-such-table");
        Thread.sleep(EVERY.toMillis() * 10);
        HttpResponse<String> stillBlue = get("/orders/1");
        target.set("green");
        awaitTable("green");
        HttpResponse<String> healthy = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.get("table").textValue()).isEqualTo("blue");
        assertThat(body.get("follows").textValue()).isEqualTo("alias");
        assertThat(body.get("aliasError").textValue()).endsWith(": the catalog cannot be read");
        assertThat(order.statusCode()).isEqualTo(200);
        assertThat(order.headers().firstValue(OrdersHandler.TABLE_HEADER)).contains("blue");
        assertThat(stillBlue.statusCode()).isEqualTo(200);
        assertThat(stillBlue.headers().firstValue(OrdersHandler.TABLE_HEADER)).contains("blue");
        assertThat(JSON.readTree(healthy.body()).has("aliasError")).isFalse();
        assertThat(JSON.readTree(healthy.body()).get("table").textValue()).isEqualTo("green");
    }

    @Test
    void withoutAWatch_theTableIsPinned() throws Exception {
        server = OrderHistoryServer.start(ServerSettings.defaults(new InetSocketAddress("127.0.0.1", 0)),
                new OrderHistoryQuery(new TwoTables(), "blue"));
        target.set("green");
        Thread.sleep(EVERY.toMillis() * 5);

        assertThat(get("/orders/1").headers().firstValue(OrdersHandler.TABLE_HEADER)).contains("blue");
        assertThat(JSON.readTree(get("/health").body()).get("follows").textValue()).isEqualTo("--table");
    }

    @Test
    void movesBackAndForthUnderLoad_failNoRequest_andEachAnswerIsItsTables() throws Exception {
        start(new TableWatch(target::get, Duration.ofMillis(5)));
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread client = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = get("/orders/1");
                        String table = response.headers().firstValue(OrdersHandler.TABLE_HEADER).orElse("none");
                        String status = response.statusCode() == 200
                                ? JSON.readTree(response.body()).get("orderStatus").textValue() : "none";
                        seen.add(table);
                        if (response.statusCode() != 200 || !status.equals(STATUS.get(table))) {
                            wrong.add(response.statusCode() + " " + table + " " + response.body());
                        }
                    } catch (Exception e) {
                        wrong.add(e.toString());
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (int move = 0; move < 20; move++) {
            String next = move % 2 == 0 ? "green" : "blue";
            target.set(next);
            awaitTable(next);
            Thread.sleep(20);
        }
        running.set(false);
        for (Thread client : clients) {
            client.join(10_000);
        }

        assertThat(wrong).isEmpty();
        assertThat(seen).contains("blue", "green");
        assertThat(server.scrape()).contains("reproject_serve_table_switches_total 20.0");
    }

    private void start(TableWatch watch) throws IOException {
        server = OrderHistoryServer.start(ServerSettings.defaults(new InetSocketAddress("127.0.0.1", 0)),
                new OrderHistoryQuery(new TwoTables(), "blue"), watch);
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitTable(String table) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!server.table().equals(table)) {
            assertThat(System.nanoTime()).as("serving %s within 10 s", table).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private void awaitMetric(String name, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (counter(server.scrape(), name) < atLeast) {
            assertThat(System.nanoTime()).as("%s at least %d within 10 s", name, atLeast).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** A counter without tags, as a scraper reads it; 0 when absent. */
    private static double counter(String scrape, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Tables blue and green, each with order 1 in its own status; any other table does not exist. */
    private static final class TwoTables implements DynamoDbClient {

        private final Map<String, FakeOrderTable> tables = Map.of(
                "blue", FakeOrderTable.of(List.of(order(STATUS.get("blue")))),
                "green", FakeOrderTable.of(List.of(order(STATUS.get("green")))));

        private static TestOrder order(String status) {
            return new TestOrder("1", "c1", status, 1000L, 1, "Ajanta", "12.34",
                    List.of(new TestOrder.Line("1", "Chicken Vindaloo", "12.34", 1)));
        }

        private FakeOrderTable table(String name) {
            FakeOrderTable table = tables.get(name);
            if (table == null) {
                throw ResourceNotFoundException.builder().message("Requested resource not found: " + name).build();
            }
            return table;
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return table(request.tableName()).getItem(request);
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            return table(request.tableName()).query(request);
        }

        @Override
        public DescribeTableResponse describeTable(DescribeTableRequest request) {
            table(request.tableName());
            return DescribeTableResponse.builder().table(TableDescription.builder().tableName(request.tableName())
                    .build()).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
