package dev.reproject.orderhistory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.orderhistory.fixture.FakeOrderTable;
import dev.reproject.orderhistory.fixture.GatedTable;
import dev.reproject.orderhistory.fixture.TestOrder;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes serve fit to expose, over an in-memory table: slow clients hold no thread, a full queue is a 503, a stop
 * lets requests in flight finish, every request is counted and logged. Nothing here waits on a clock: requests are
 * held inside the handlers by {@link GatedTable} and released by the test.
 */
class ServerLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<TestOrder> ORDERS = List.of(
            new TestOrder("1", "c1", "APPROVED", 1000L, 1, "Ajanta", "12.34",
                    List.of(new TestOrder.Line("1", "Chicken Vindaloo", "12.34", 1))),
            new TestOrder("2", "c1", "REJECTED", 2000L, 2, "Sushi Zen", "7.80",
                    List.of(new TestOrder.Line("1", "Salmon Nigiri", "7.80", 1))));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> accessLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private OrderHistoryServer server;

    private static ServerSettings settings() {
        return ServerSettings.defaults(new InetSocketAddress("127.0.0.1", 0));
    }

    private OrderHistoryServer start(ServerSettings settings,
                                     software.amazon.awssdk.services.dynamodb.DynamoDbClient table)
            throws IOException {
        server = OrderHistoryServer.start(settings, new OrderHistoryQuery(table, "t"), new AccessLog(accessLines::add));
        return server;
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
        return http.sendAsync(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery)).timeout(Duration.ofSeconds(30)).build();
    }

    /** A connection that sent half a request and then nothing. */
    private Socket halfRequest() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.address().getPort());
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write("GET /orders/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void clientsSendingHalfARequest_holdNoThread_othersAreServed() throws Exception {
        start(settings().withThreads(1), FakeOrderTable.of(ORDERS));
        for (int i = 0; i < 20; i++) {
            halfRequest();
        }

        // one thread may answer, twenty clients are stalled mid-request: the JDK's server gave each a thread
        for (int i = 0; i < 5; i++) {
            assertThat(get("/orders/1").statusCode()).isEqualTo(200);
        }
    }

    /** Clients that never read a large answer: each holds a connection and its unsent bytes, not the limit. */
    @Test
    void clientsNotReadingALargeAnswer_doNotHoldTheLimit() throws Exception {
        List<TestOrder> many = new ArrayList<>();
        List<TestOrder.Line> lines = new ArrayList<>();
        for (int l = 0; l < 40; l++) {
            lines.add(new TestOrder.Line(Integer.toString(l), "Dish " + "x".repeat(100) + l, "1.00", 1));
        }
        for (int i = 0; i < 100; i++) {
            many.add(new TestOrder(Integer.toString(i), "big", "APPROVED", 1000L + i, 1, "Ajanta", "40.00", lines));
        }
        start(settings().withThreads(1).withQueue(0, Duration.ofSeconds(5)), FakeOrderTable.of(many));
        byte[] request = "GET /orders?consumerId=big&pageSize=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10; i++) {
            Socket reader = new Socket();
            sockets.add(reader);
            reader.setReceiveBufferSize(1024);
            reader.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()));
            reader.getOutputStream().write(request);
            reader.getOutputStream().flush();
            // read the status line only, so the answer is under way; the rest (hundreds of KB) stays unread
            byte[] status = new byte[12];
            assertThat(reader.getInputStream().readNBytes(status, 0, 12)).isEqualTo(12);
            assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }

        assertThat(get("/orders/1").statusCode()).isEqualTo(200); // one thread, no queue: a held limit would be 503
    }

    @Test
    void aStalledConnection_isClosedAfterTheIdleTimeout() throws Exception {
        start(settings().withIdleTimeout(Duration.ofMillis(300)), FakeOrderTable.of(ORDERS));
        Socket stalled = halfRequest();
        stalled.setSoTimeout(20_000); // far beyond the idle timeout: a close arrives long before

        InputStream in = stalled.getInputStream();
        byte[] answer = in.readAllBytes(); // returns once the server closes the connection

        // Jetty may say 408 before it closes; either way the connection is gone
        assertThat(new String(answer, StandardCharsets.US_ASCII)).satisfiesAnyOf(
                text -> assertThat(text).isEmpty(),
                text -> assertThat(text).startsWith("HTTP/1.1 408"));
    }

    @Test
    void aFullQueue_isA503AtOnce_theRestAre200() throws Exception {
        GatedTable table = new GatedTable(FakeOrderTable.of(ORDERS));
        start(settings().withThreads(2).withQueue(1, Duration.ofSeconds(60)), table);

        List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
        admitted.add(getAsync("/orders/1"));
        admitted.add(getAsync("/orders/2"));
        table.awaitInside(2); // both threads are busy
        admitted.add(getAsync("/orders/1"));
        awaitQueued(1); // and the queue is full
        HttpResponse<String> rejected1 = get("/orders/1");
        HttpResponse<String> rejected2 = get("/orders?consumerId=c1");
        HttpResponse<String> metrics = get("/metrics"); // outside the queue: answers while saturated
        HttpResponse<String> health = get("/health");
        table.open();

        for (CompletableFuture<HttpResponse<String>> response : admitted) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        for (HttpResponse<String> rejected : List.of(rejected1, rejected2)) {
            assertThat(rejected.statusCode()).isEqualTo(503);
            assertThat(rejected.headers().firstValue("Retry-After")).contains("1");
            JsonNode body = JSON.readTree(rejected.body());
            assertThat(body.get("error").textValue()).isEqualTo("unavailable");
            assertThat(body.get("message").textValue()).contains("queue is full");
        }
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("reproject_serve_requests_queued 1.0");
        assertThat(health.statusCode()).isEqualTo(503); // the fake table cannot DescribeTable: DOWN, but it answered
        String scrape = server.scrape();
        assertThat(Prometheus.value(scrape, "http_server_requests_seconds_count", "/orders/{orderId}", "200"))
                .isEqualTo(3);
        assertThat(Prometheus.value(scrape, "http_server_requests_seconds_count", "/orders/{orderId}", "503"))
                .isEqualTo(1);
        assertThat(Prometheus.value(scrape, "http_server_requests_seconds_count", "/orders", "503")).isEqualTo(1);
        assertThat(scrape).contains("reproject_serve_rejected_total{reason=\"queue-full\"} 2.0");
    }

    @Test
    void aRequestWaitingLongerThanTheQueueTimeout_is503() throws Exception {
        GatedTable table = new GatedTable(FakeOrderTable.of(ORDERS));
        start(settings().withThreads(1).withQueue(5, Duration.ofMillis(200)), table);

        CompletableFuture<HttpResponse<String>> running = getAsync("/orders/1");
        table.awaitInside(1);
        HttpResponse<String> waited = get("/orders/2"); // the gate stays shut: it can only time out
        table.open();

        assertThat(waited.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(waited.body()).get("message").textValue()).contains("--queue-timeout");
        assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(server.scrape()).contains("reproject_serve_rejected_total{reason=\"queue-timeout\"} 1.0");
    }

    @Test
    void aRequestInFlightWhenStopBegins_completesWith200() throws Exception {
        GatedTable table = new GatedTable(FakeOrderTable.of(ORDERS));
        start(settings().withStopTimeout(Duration.ofSeconds(30)), table);

        CompletableFuture<HttpResponse<String>> inFlight = getAsync("/orders/1");
        table.awaitInside(1);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
        awaitStopping();
        assertThat(stopped).isNotDone(); // it waits for the request
        table.open();

        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("orderId").textValue()).isEqualTo("1");
        stopped.get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyRequest_isCountedByRouteAndStatus_andLoggedWithoutItsToken() throws Exception {
        start(settings(), FakeOrderTable.of(ORDERS));
        String token = JSON.readTree(get("/orders?consumerId=c1&pageSize=1").body()).get("nextPageToken")
                .textValue();

        assertThat(get("/orders?consumerId=c1&pageSize=1&pageToken=" + token).statusCode()).isEqualTo(200);
        assertThat(get("/orders?consumerId=c1&pageSize=0").statusCode()).isEqualTo(400);
        assertThat(get("/orders/1").statusCode()).isEqualTo(200);
        assertThat(get("/orders/9").statusCode()).isEqualTo(404);
        assertThat(get("/orders/9").statusCode()).isEqualTo(404);
        assertThat(get("/nowhere/" + System.nanoTime()).statusCode()).isEqualTo(404);
        String first = get("/metrics").body();
        String second = get("/metrics").body();

        assertThat(Prometheus.value(first, "http_server_requests_seconds_count", "/orders", "200")).isEqualTo(2);
        assertThat(Prometheus.value(first, "http_server_requests_seconds_count", "/orders", "400")).isEqualTo(1);
        assertThat(Prometheus.value(first, "http_server_requests_seconds_count", "/orders/{orderId}", "200"))
                .isEqualTo(1);
        assertThat(Prometheus.value(first, "http_server_requests_seconds_count", "/orders/{orderId}", "404"))
                .isEqualTo(2);
        assertThat(Prometheus.value(first, "http_server_requests_seconds_count", "other", "404")).isEqualTo(1);
        assertThat(Prometheus.value(first, "http_server_requests_seconds_count", "/metrics", "200")).isZero();
        assertThat(Prometheus.value(second, "http_server_requests_seconds_count", "/metrics", "200")).isEqualTo(1);
        assertThat(first).contains("http_server_requests_seconds_bucket{", "reproject_serve_requests_in_flight",
                "reproject_serve_threads_busy", "reproject_query_items_read_items_count", "jvm_memory_used_bytes");

        server.close(); // the log lines are written once each request completes; after a stop, all are
        assertThat(accessLines).hasSize(9);
        assertThat(accessLines.get(1)).matches("GET /orders\\?consumerId=c1&pageSize=1&pageToken=… 200 \\d+ B \\d+ ms "
                + "127\\.0\\.0\\.1").doesNotContain(token);
        assertThat(accessLines.get(2)).startsWith("GET /orders?consumerId=c1&pageSize=0 400 ");
    }

    private void awaitQueued(int n) throws InterruptedException {
        for (int i = 0; i < 3000 && server.queued() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(server.queued()).isEqualTo(n);
    }

    private void awaitStopping() throws InterruptedException {
        for (int i = 0; i < 3000 && !server.stopping(); i++) {
            Thread.sleep(10);
        }
        assertThat(server.stopping()).isTrue();
    }
}
