package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.Views;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code live --metrics-port}: {@code /health} is 503 while a partition lags by more than {@code --max-lag} and 200
 * once caught up; {@code /metrics} (Prometheus text) has records, applied, duplicates, skipped and dead letters by
 * reason equal to the run's own summary and to what {@link ExpectedOrderHistory} works out from the topic, and lag 0
 * per partition. {@code live} runs in a JVM of its own on a generated topic with bad records and duplicates.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class LiveMetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "live-metrics";
    private static final String CATALOG = "live-metrics-catalog";
    private static final int MAX_LAG = 100;
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{([^}]*)})? ([0-9.eE+-]+)$");

    private static LocalServers servers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void credentials(LocalServers localServers) {
        servers = localServers;
        servers.kafkaBootstrapServers();
        servers.dynamoDbEndpoint();
    }

    @Test
    void health_follows_the_lag_and_metrics_equal_the_runs_own_counts(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("source");
        CliRun generated = CliRun.run(servers.environment(), "generate", "--archive", source.toString(), "--orders",
                "3000", "--partitions", "2", "--bad-records", "0.01", "--json");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        LiveProcess live = null;
        try (LiveKafka kafka = new LiveKafka(servers.kafkaBootstrapServers());
             LiveTable tables = new LiveTable(servers)) {
            kafka.freshTopic(2);
            kafka.publish(source);
            ExpectedOrderHistory expected = ExpectedOrderHistory.ofRecords(kafka.records());
            tables.client().createTable(TableSchemas.createTableRequest(TABLE, Views.byName("order-history").table()));
            TableWaits.untilExists(tables.client(), TABLE);
            DynamoCatalog catalog = new DynamoCatalog(tables.client(), CATALOG, Clock.systemUTC());
            catalog.createIfMissing();
            RebuildId id = RebuildId.of(TABLE, new SnapshotId("20261207T000000.000Z"));
            catalog.begin(RebuildEntry.loading(id, "order-history", "archive", Watermark.empty(), Instant.now()));
            catalog.markLoaded(id, Map.of(), Watermark.empty()); // nothing archived: live starts at offset 0

            int port = freePort();
            URI base = URI.create("http://127.0.0.1:" + port);
            live = LiveProcess.start(servers, "live", dir, TABLE, CATALOG, "--metrics-port", Integer.toString(port),
                    "--max-lag", Integer.toString(MAX_LAG), "--json");

            List<String> seen = new ArrayList<>();
            long laggingSeenAt = -1;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                assertThat(System.nanoTime()).as("caught up within 2 min; health seen: %s; log:%n%s",
                        seen, live.tail()).isLessThan(deadline);
                assertThat(live.alive()).as("live runs; log:%n%s", live.tail()).isTrue();
                HttpResponse<String> health = get(base.resolve("/health"));
                if (health == null) {
                    Thread.sleep(20);
                    continue;
                }
                JsonNode body = JSON.readTree(health.body());
                String status = health.statusCode() + " " + body.path("status").asText();
                if (seen.isEmpty() || !seen.get(seen.size() - 1).startsWith(status)) {
                    seen.add(status + " " + body);
                }
                if (health.statusCode() == 503 && body.path("lag").asLong(-1) > MAX_LAG) {
                    laggingSeenAt = laggingSeenAt < 0 ? seen.size() : laggingSeenAt;
                }
                if (laggingSeenAt > 0 && health.statusCode() == 200 && body.path("lag").asLong(-1) == 0
                        && scrape(base).getOrDefault("reproject_live_records_total", 0.0) >= expected.records()) {
                    break;
                }
                Thread.sleep(20);
            }
            System.out.println("LiveMetricsIT: /health went " + String.join(" -> ", seen));
            assertThat(seen.get((int) laggingSeenAt - 1)).as("a 503 naming the lag").contains("above --max-lag");

            Map<String, Double> metrics = scrape(base);
            int exit = live.terminate(60);
            assertThat(exit).as("exit after SIGTERM; log:%n%s", live.tail()).isEqualTo(143);
            JsonNode summary = JSON.readTree(live.stdout());
            System.out.println("LiveMetricsIT: summary " + summary);

            assertThat(metrics.get("reproject_live_records_total")).isEqualTo(summary.get("records").asDouble())
                    .isEqualTo((double) expected.records());
            assertThat(metrics.get("reproject_live_applied_total")).isEqualTo(summary.get("applied").asDouble())
                    .isEqualTo((double) expected.applied());
            assertThat(metrics.get("reproject_live_duplicates_total"))
                    .isEqualTo(summary.get("duplicates").asDouble()).isEqualTo((double) expected.duplicateEvents());
            assertThat(metrics.get("reproject_live_skipped_total")).isEqualTo(summary.get("skipped").asDouble())
                    .isEqualTo((double) expected.skipped());
            Map<String, Double> deadLetters = new TreeMap<>();
            metrics.forEach((name, value) -> {
                Matcher reason = Pattern.compile("reproject_live_dead_letters_total\\{reason=\"([a-z-]+)\"}")
                        .matcher(name);
                if (reason.matches() && value > 0) {
                    deadLetters.put(reason.group(1), value);
                }
            });
            Map<String, Double> summarised = new TreeMap<>();
            summary.get("deadLettered").fields().forEachRemaining(e -> summarised.put(e.getKey(),
                    e.getValue().asDouble()));
            Map<String, Double> oracle = new TreeMap<>();
            expected.rejected().forEach((reason, n) -> oracle.put(reason, n.doubleValue()));
            assertThat(deadLetters).isNotEmpty().isEqualTo(summarised).isEqualTo(oracle);
            for (int partition = 0; partition < 2; partition++) {
                assertThat(metrics).containsEntry("reproject_live_lag{partition=\"" + partition + "\",topic=\""
                        + LiveKafka.TOPIC + "\"}", 0.0);
            }
            // every write timed; every update applied was written alone or in a combined write that applied
            double single = metrics.get("reproject_live_writes_total{kind=\"single\"}");
            double combined = metrics.get("reproject_live_writes_total{kind=\"combined\"}");
            assertThat(metrics.get("reproject_live_write_seconds_count")).as("writes timed")
                    .isEqualTo(single + combined);
            assertThat(single + metrics.get("reproject_live_combined_updates_total")).as("updates written")
                    .isGreaterThanOrEqualTo(expected.applied());
        } finally {
            if (live != null) {
                live.process().destroyForcibly();
            }
        }
    }

    /** {@code name{labels}} → value, from Prometheus's text format. */
    private Map<String, Double> scrape(URI base) throws Exception {
        HttpResponse<String> response = get(base.resolve("/metrics"));
        assertThat(response).isNotNull();
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                        Double.parseDouble(sample.group(4)));
            }
        }
        return samples;
    }

    /** The response; null while nothing listens yet. */
    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
