package dev.reproject.orderhistory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.orderhistory.fixture.FakeOrderTable;
import dev.reproject.orderhistory.fixture.JsonOrders;
import dev.reproject.orderhistory.fixture.TestOrder;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP side of the endpoints, over an in-memory table: routing, methods, status codes, error bodies. */
class OrderHistoryServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<TestOrder> ORDERS = List.of(
            new TestOrder("1", "c1", "APPROVED", 1000L, 1, "Ajanta", "12.34",
                    List.of(new TestOrder.Line("1", "Chicken Vindaloo", "12.34", 1))),
            new TestOrder("a b+c/d", "c1", "REJECTED", 2000L, 2, "Sushi Zen", "7.80",
                    List.of(new TestOrder.Line("1", "Salmon Nigiri", "7.80", 1))));

    private OrderHistoryServer server;

    private OrderHistoryServer start(FakeOrderTable table) throws IOException {
        server = OrderHistoryServer.start(new InetSocketAddress("127.0.0.1", 0), new OrderHistoryQuery(table, "t"), 2);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send("GET", pathAndQuery);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String inMessage)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error").textValue()).isEqualTo(code);
        assertThat(body.get("message").textValue()).contains(inMessage);
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void anOrder_andAHistory() throws Exception {
        start(FakeOrderTable.of(ORDERS));

        HttpResponse<String> order = get("/orders/1");
        HttpResponse<String> history = get("/orders?consumerId=c1&pageSize=1");

        assertThat(order.statusCode()).isEqualTo(200);
        assertThat(JsonOrders.order(json(order))).isEqualTo(ORDERS.get(0).expected());
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(JsonOrders.orders(json(history))).containsExactly(ORDERS.get(1).expected());
        assertThat(json(history).get("nextPageToken").isTextual()).isTrue();
        assertThat(history.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void orderIds_arePercentDecodedPathSegments() throws Exception {
        start(FakeOrderTable.of(ORDERS));

        assertThat(JsonOrders.order(json(get("/orders/a%20b+c%2Fd"))).orderId()).isEqualTo("a b+c/d");
        assertThat(get("/orders/").statusCode()).isEqualTo(400); // the history, without its consumer
    }

    @Test
    void unknownOrders_andPaths_are404() throws Exception {
        start(FakeOrderTable.of(ORDERS));

        assertError(get("/orders/999"), 404, "not-found", "no order '999'");
        for (String path : List.of("/", "/order", "/orders/1/items", "/ordersx", "/orders//1", "/favicon.ico")) {
            assertError(get(path), 404, "not-found", "GET /orders?consumerId=");
        }
    }

    @Test
    void otherMethods_are405_withAllow() throws Exception {
        start(FakeOrderTable.of(ORDERS));

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            HttpResponse<String> response = send(method, "/orders/1");
            assertError(response, 405, "method-not-allowed", method + " is not allowed");
            assertThat(response.headers().firstValue("Allow")).contains("GET");
        }
        assertThat(send("HEAD", "/orders?consumerId=c1").statusCode()).isEqualTo(405);
    }

    @Test
    void parameterMistakes_are400() throws Exception {
        start(FakeOrderTable.of(ORDERS));

        assertError(get("/orders"), 400, "bad-parameter", "consumerId is required");
        assertError(get("/orders?consumerId=c1&keywords=pizza"), 400, "bad-parameter", "unknown parameter 'keywords'");
        assertError(get("/orders?consumerId=c1&status=APPROVED&status=REJECTED"), 400, "bad-parameter",
                "status is given 2 times");
        assertError(get("/orders?consumerId=c1&pageSize=abc"), 400, "bad-parameter", "pageSize");
        assertError(get("/orders?consumerId=c1&pageToken=xyz"), 400, "bad-page-token", "garbled");
        assertError(get("/orders/1?pretty=true"), 400, "bad-parameter", "takes no parameters");
        assertError(get("/orders/" + "x".repeat(2049)), 400, "bad-parameter", "2048 bytes");
    }

    /** Java's URI refuses it, so it goes over a socket; the JDK's server answers it before any handler. */
    @Test
    void aMalformedRequestTarget_is400() throws Exception {
        start(FakeOrderTable.of(ORDERS));

        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.getOutputStream().write("GET /orders?consumerId=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void aFailureOfTheServer_is500_withAJsonBody_andNoStackTrace() throws Exception {
        start(FakeOrderTable.of(ORDERS).failingWith(SdkClientException.create("connection refused: secret-host:8000")));

        for (String path : List.of("/orders/1", "/orders?consumerId=c1")) {
            HttpResponse<String> response = get(path);
            assertError(response, 500, "internal-error", "incident");
            assertThat(response.body()).doesNotContain("Exception", "secret-host", "\tat ");
        }
    }

    @Test
    void aMissingTable_is500_tableNotFound() throws Exception {
        start(FakeOrderTable.of(ORDERS).failingWith(ResourceNotFoundException.builder().message("no table").build()));

        assertError(get("/orders/1"), 500, "table-not-found", "table t does not exist");
    }

    @Test
    void closingTwice_isHarmless() throws Exception {
        start(FakeOrderTable.of(ORDERS)).close();
        server.close();
    }
}
