package dev.reproject.live;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.reproject.live.Messages.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB going away while {@code live} runs (its own dynalite, stopped; Kafka is the shared broker): the writes
 * are retried for {@code --store-retry-timeout}, then the updater exits 1 naming DynamoDB's endpoint, the table and
 * the cause, with nothing committed past the records it could not write. Before, the first connection refused
 * crashed it at once with the SDK's message alone.
 */
@ExtendWith(LocalServersExtension.class)
class LiveStoreDownIT {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void writes_are_retried_for_the_bound_then_the_updater_exits_naming_dynamodb(LocalServers servers)
            throws Exception {
        LocalServers own = LocalServers.create();
        try (LiveFixture fixture = new LiveFixture(own, servers, "live-store-down")) {
            fixture.freshTopic(1);
            fixture.produce(0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1)));
            RebuildEntry entry = fixture.loaded(Watermark.empty());
            URI endpoint = own.dynamoDbEndpoint();
            CompletableFuture<LiveFixture.Run> running = fixture.liveInBackground(
                    Map.of("REPROJECT_STORE_RETRY_TIMEOUT", Long.toString(BOUND.toSeconds())),
                    "--bootstrap-servers", servers.kafkaBootstrapServers());
            fixture.awaitCommitted(entry, 2);

            own.close(); // stops this test's dynalite
            long stopped = System.nanoTime();
            fixture.produce(0, List.of(created("3", 7, 2, 2), created("4", 7, 3, 3)));
            LiveFixture.Run run = running.get(90, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - stopped);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("DynamoDB").contains(endpoint.toString())
                    .contains("table " + fixture.name + ")").contains("Connection refused");
            assertThat(took).as("retried for the bound, then gave up").isGreaterThanOrEqualTo(BOUND)
                    .isLessThan(BOUND.plusSeconds(30));
            assertThat(fixture.committed(entry)).isEqualTo(Map.of(0, 2L));
        } finally {
            own.close();
        }
    }
}
