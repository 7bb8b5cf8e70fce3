package dev.reproject.orderhistory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.aws.dynamodb.TestDynalite;
import dev.reproject.orderhistory.fixture.SampleOrders;
import dev.reproject.orderhistory.fixture.SampleTable;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.orderhistory.view.OrderHistoryView;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} and {@code GET /health} on dynalite: the request counts a scrape reads, by route and status,
 * are the requests this test made; health is UP while the table answers and 503 once it is deleted.
 */
@ExtendWith(LocalServersExtension.class)
class ServeMetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static ServerSettings settings() {
        return ServerSettings.defaults(new InetSocketAddress("127.0.0.1", 0)).withThreads(4)
                .withHealthCache(Duration.ZERO);
    }

    private HttpResponse<String> get(OrderHistoryServer server, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCountsScraped_areTheRequestsMade_byRouteAndStatus(LocalServers servers) throws Exception {
        SampleTable table = SampleTable.shared(servers);
        Map<String, Integer> made = new HashMap<>(); // "route status" -> requests
        try (OrderHistoryServer server = OrderHistoryServer.start(settings(),
                new OrderHistoryQuery(table.client(), table.name()))) {
            String token = null;
            for (int page = 0; page < 5; page++) { // five pages of a history, by its tokens
                HttpResponse<String> response = get(server, "/orders?consumerId=" + SampleOrders.BIG + "&pageSize=3"
                        + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
                count(made, Routes.HISTORY, response);
                token = JSON.readTree(response.body()).get("nextPageToken").textValue();
            }
            for (String path : List.of("/orders?consumerId=1&pageSize=0", "/orders?status=APPROVED",
                    "/orders?consumerId=1&pageToken=garbage")) {
                count(made, Routes.HISTORY, get(server, path));
            }
            for (int i = 0; i < 3; i++) {
                count(made, Routes.ORDER, get(server, "/orders/" + table.orders().get(i * 100).orderId()));
            }
            count(made, Routes.ORDER, get(server, "/orders/no-such-order"));
            count(made, Routes.OTHER, get(server, "/favicon.ico"));
            count(made, Routes.HEALTH, get(server, "/health"));

            String scrape = get(server, "/metrics").body();

            assertThat(made).containsOnlyKeys(Routes.HISTORY + " 200", Routes.HISTORY + " 400", Routes.ORDER + " 200",
                    Routes.ORDER + " 404", Routes.OTHER + " 404", Routes.HEALTH + " 200");
            assertThat(made.get(Routes.HISTORY + " 200")).isEqualTo(5);
            assertThat(made.get(Routes.HISTORY + " 400")).isEqualTo(3);
            for (Map.Entry<String, Integer> expected : made.entrySet()) {
                String[] routeStatus = expected.getKey().split(" ");
                assertThat(Prometheus.value(scrape, "http_server_requests_seconds_count", routeStatus[0],
                        routeStatus[1])).as(expected.getKey()).isEqualTo(expected.getValue().longValue());
            }
            assertThat(Prometheus.value(scrape, "http_server_requests_seconds_count", Routes.METRICS, "200")).isZero();
            // five pages of 3 without a filter: each read 4 items (the page and one of look-ahead) in one Query
            assertThat(scrape).contains("reproject_query_items_read_items_count 5\n",
                    "reproject_query_items_read_items_sum 20.0", "reproject_query_dynamodb_queries_total 5.0",
                    "reproject_serve_rejected_total{reason=\"queue-full\"} 0.0");
        }
    }

    private static void count(Map<String, Integer> made, String route, HttpResponse<String> response) {
        made.merge(route + " " + response.statusCode(), 1, Integer::sum);
    }

    @Test
    void health_isUpWhileTheTableAnswers_and503OnceItIsDeleted(LocalServers servers) throws Exception {
        DynamoDbClient client = TestDynalite.client(servers);
        String name = TestDynalite.createTable(client, "health", new OrderHistoryView().table());
        try (OrderHistoryServer server = OrderHistoryServer.start(settings(), new OrderHistoryQuery(client, name))) {
            HttpResponse<String> up = get(server, "/health");
            client.deleteTable(b -> b.tableName(name));
            TableWaits.untilGone(client, name);
            HttpResponse<String> down = get(server, "/health");

            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(up.body()).get("status").textValue()).isEqualTo("UP");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(down.body());
            assertThat(body.get("status").textValue()).isEqualTo("DOWN");
            assertThat(body.get("table").textValue()).isEqualTo(name);
            assertThat(body.get("reason").textValue()).contains("table " + name + " does not exist");
        }
    }
}
