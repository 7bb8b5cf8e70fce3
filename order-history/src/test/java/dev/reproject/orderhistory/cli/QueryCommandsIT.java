package dev.reproject.orderhistory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.orderhistory.fixture.ExpectedHistory;
import dev.reproject.orderhistory.fixture.JsonOrders;
import dev.reproject.orderhistory.fixture.SampleTable;
import dev.reproject.orderhistory.fixture.TestOrder;
import dev.reproject.orderhistory.query.Order;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SandboxCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.reproject.orderhistory.fixture.SampleOrders.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code reproject query orders|order} and {@code reproject serve} on dynalite, as a user runs them. */
@ExtendWith(LocalServersExtension.class)
class QueryCommandsIT {

    private static SandboxCredentials.SystemPropertiesScope credentials;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalServers servers;
    private static SampleTable table;

    @BeforeAll
    static void start(LocalServers localServers) {
        servers = localServers;
        table = SampleTable.shared(servers);
        // the commands take credentials from the AWS default chain, like any user's run
        credentials = servers.credentials().inSystemProperties();
    }

    @AfterAll
    static void stop() {
        credentials.close();
    }

    /** Pointed at dynalite, with a catalog table of the run's own. */
    private static Map<String, String> environment(String catalog) {
        return Map.of("REPROJECT_DYNAMODB_ENDPOINT", servers.dynamoDbEndpoint().toString(),
                "REPROJECT_REGION", servers.region(), "REPROJECT_CATALOG_TABLE", catalog);
    }

    private static String newCatalog() {
        return "catalog-" + Long.toHexString(System.nanoTime());
    }

    private static CliRun run(String... args) {
        return CliRun.run(environment(newCatalog()), args);
    }

    @Test
    void queryOrders_pagesThroughAHistory_withTheTokens() throws Exception {
        ExpectedHistory expected = new ExpectedHistory(MEDIUM, Optional.of("APPROVED"), List.of("pizza", "noodle"),
                Optional.empty(), Optional.of(Instant.parse("2026-11-05T00:00:00Z")));
        List<Order> orders = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            List<String> args = new ArrayList<>(
                    List.of("query", "orders", "--table", table.name(), "--consumer", MEDIUM,
                            "--status", "approved", "--keyword", "PIZZA", "--keyword", "noodle", "--until",
                            "2026-11-05T00:00:00Z", "--page-size", "4"));
            if (token != null) {
                args.addAll(List.of("--page-token", token));
            }
            CliRun run = run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out().strip()).doesNotContain("\n"); // one line of JSON
            JsonNode page = JSON.readTree(run.out());
            orders.addAll(JsonOrders.orders(page));
            token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").textValue();
            pages++;
        } while (token != null);

        List<TestOrder> all = expected.of(table.orders());
        assertThat(pages).isEqualTo((all.size() + 3) / 4);
        ExpectedHistory.assertSameHistory(orders, all, "query orders");
    }

    @Test
    void queryOrder_printsTheOrder_andExits4ForAnUnknownOne() throws Exception {
        TestOrder order = table.orders().get(42);

        CliRun found = run("query", "order", order.orderId(), "--table", table.name());
        CliRun unknown = run("query", "order", "no-such-order", "--table", table.name());

        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(JsonOrders.order(JSON.readTree(found.out()))).isEqualTo(order.expected());
        assertThat(unknown.exitCode()).isEqualTo(4);
        assertThat(unknown.err()).contains("no order 'no-such-order' in table " + table.name()).doesNotContain("\tat ");
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void badTokens_exit2_withoutAStackTrace() throws Exception {
        CliRun first = run("query", "orders", "--table", table.name(), "--consumer", MEDIUM, "--page-size", "2");
        String token = JSON.readTree(first.out()).get("nextPageToken").textValue();

        CliRun foreign = run("query", "orders", "--table", table.name(), "--consumer", "someone", "--page-token",
                token);
        CliRun otherFilter = run("query", "orders", "--table", table.name(), "--consumer", MEDIUM, "--page-token",
                token,
                "--status", "REJECTED");
        CliRun unknownConsumer = run("query", "orders", "--table", table.name(), "--consumer", "someone");

        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err()).contains("another consumer").doesNotContain("\tat ");
        assertThat(otherFilter.exitCode()).isEqualTo(2);
        assertThat(otherFilter.err()).contains("another filter");
        assertThat(unknownConsumer.exitCode()).isZero();
        assertThat(unknownConsumer.out().strip()).isEqualTo("{\"orders\":[],\"nextPageToken\":null}");
    }

    @Test
    void theTable_comesFromTheCatalog_else4() throws Exception {
        String catalogName = newCatalog();
        Map<String, String> environment = environment(catalogName);
        TestOrder order = table.orders().get(7);

        CliRun noCatalog = CliRun.run(environment, "query", "order", order.orderId());
        DynamoCatalog catalog = new DynamoCatalog(table.client(), catalogName, Clock.systemUTC());
        RebuildId id = RebuildId.of(table.name(), new SnapshotId("20261130T115714.123Z"));
        catalog.begin(RebuildEntry.loading(id, "order-history", "s3a://b/archive", Watermark.empty(), Instant.now()));
        CliRun loading = CliRun.run(environment, "query", "order", order.orderId());
        catalog.markLoaded(id, Map.of(), Watermark.empty());
        CliRun loaded = CliRun.run(environment, "query", "order", order.orderId());
        CliRun missingTable = CliRun.run(environment, "query", "order", order.orderId(), "--table", "no-such-table");

        assertThat(noCatalog.exitCode()).isEqualTo(4);
        assertThat(noCatalog.err()).contains("no LIVE or LOADED rebuild of view order-history in the catalog "
                + catalogName);
        assertThat(loading.exitCode()).isEqualTo(4);
        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        assertThat(JsonOrders.order(JSON.readTree(loaded.out()))).isEqualTo(order.expected());
        assertThat(missingTable.exitCode()).isEqualTo(4);
        assertThat(missingTable.err()).contains("table no-such-table does not exist");
    }

    @Test
    void serve_answersOverHttp_untilInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exitCode.set(CliRun.commandLine(environment(newCatalog()), out, err)
                .execute("serve", "--table", table.name(), "--port", "0")));
        serving.start();
        URI uri = awaitUri(out, err);
        TestOrder order = table.orders().get(100);
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> found = http.send(
                HttpRequest.newBuilder(uri.resolve("/orders/" + order.orderId())).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(uri.resolve("/orders?consumerId=1&pageSize=0"))
                .build(), HttpResponse.BodyHandlers.ofString());
        serving.interrupt();
        serving.join(10_000);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JsonOrders.order(JSON.readTree(found.body()))).isEqualTo(order.expected());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(out.toString())
                .contains("serving table " + table.name() + " of view order-history on http://127.0.0.1:");
        assertThat(serving.isAlive()).isFalse();
        assertThat(exitCode.get()).as(err.toString()).isZero();
        assertThat(err.toString()).contains("warning: page tokens use the public sandbox key");
    }

    /** The key of a deployment, as an operator would make it ('openssl rand -base64 32'). */
    private static final String KEY = "q1Jx3s0Lw7o8m2QeV9kTfZb4yHc6uNaRr5pDgEiWj0M=";

    @Test
    void aTokenFromServe_worksInQuery_withTheSameKey_andIsRefusedWithAnother(@TempDir Path dir) throws Exception {
        String catalog = newCatalog();
        Map<String, String> withKey = new HashMap<>(environment(catalog));
        withKey.put("REPROJECT_PAGE_TOKEN_KEY", KEY);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread serving = new Thread(() -> CliRun.commandLine(withKey, out, err)
                .execute("serve", "--table", table.name(), "--port", "0"));
        serving.start();
        URI uri = awaitUri(out, err);
        HttpClient http = HttpClient.newHttpClient();
        String first = "/orders?consumerId=" + MEDIUM + "&status=APPROVED&pageSize=4";
        JsonNode page1 = JSON.readTree(http.send(HttpRequest.newBuilder(uri.resolve(first)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String token = page1.get("nextPageToken").textValue();
        JsonNode page2 = JSON.readTree(http.send(HttpRequest.newBuilder(uri.resolve(first + "&pageToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        serving.interrupt();
        serving.join(10_000);
        Path keyFile = Files.writeString(dir.resolve("page-token.key"), KEY + "\n");
        String[] next = {"query", "orders", "--table", table.name(), "--consumer", MEDIUM, "--status", "APPROVED",
                "--page-size", "4", "--page-token", token};

        CliRun sameKey = CliRun.run(withKey, next);
        List<String> withFile = new ArrayList<>(List.of(next));
        withFile.addAll(List.of("--page-token-key-file", keyFile.toString()));
        CliRun sameKeyFromAFile = CliRun.run(environment(catalog), withFile.toArray(String[]::new));
        Map<String, String> otherKey = new HashMap<>(environment(catalog));
        otherKey.put("REPROJECT_PAGE_TOKEN_KEY", "another-key-of-another-deployment-0123456789");
        CliRun anotherKey = CliRun.run(otherKey, next);
        CliRun sandboxKey = CliRun.run(environment(catalog), next);

        assertThat(err.toString()).doesNotContain("sandbox key"); // a key was given: no warning
        assertThat(sameKey.exitCode()).as(sameKey.err()).isZero();
        assertThat(JSON.readTree(sameKey.out())).isEqualTo(page2);
        assertThat(JsonOrders.orders(page2)).hasSize(4);
        assertThat(sameKeyFromAFile.exitCode()).as(sameKeyFromAFile.err()).isZero();
        assertThat(JSON.readTree(sameKeyFromAFile.out())).isEqualTo(page2);
        for (CliRun refused : List.of(anotherKey, sandboxKey)) {
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("the page token was made under another page-token key")
                    .doesNotContain(KEY, "\tat ");
        }
    }

    @Test
    void serve_aMissingTable_exits4_beforeListening() {
        CliRun run = run("serve", "--table", "no-such-table", "--port", "0");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("table no-such-table does not exist");
        assertThat(run.out()).isEmpty();
    }

    private static URI awaitUri(StringWriter out, StringWriter err) throws InterruptedException {
        Pattern url = Pattern.compile("on (http://[0-9.]+:[0-9]+) ");
        for (int i = 0; i < 300; i++) {
            Matcher m = url.matcher(out.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve printed no address; out: " + out + " err: " + err);
    }
}
