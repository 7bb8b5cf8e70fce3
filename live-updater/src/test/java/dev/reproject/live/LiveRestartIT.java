package dev.reproject.live;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.reproject.live.Messages.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clean restart waits out no session timeout: a run that stops leaves the rebuild's consumer group, so the next
 * run of the rebuild is given the partitions at once. The session timeout is set to 60 s here, so that a run still
 * waiting for the first one's session to end would take a minute rather than the few seconds it takes.
 */
@ExtendWith(LocalServersExtension.class)
class LiveRestartIT {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void a_run_started_right_after_another_stopped_gets_the_partitions_without_waiting_out_its_session(
                                                                                                       LocalServers servers)
            throws Exception {
        try (LiveFixture fixture = new LiveFixture(servers, "live-restart")) {
            fixture.freshTopic(2);
            fixture.produce(0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1)));
            RebuildEntry entry = fixture.loaded(Watermark.empty());
            KafkaClients kafka = new KafkaClients(Map.of("bootstrap.servers", servers.kafkaBootstrapServers(),
                    "session.timeout.ms", (int) SESSION_TIMEOUT.toMillis()));
            LiveRuns runs = new LiveRuns(kafka, fixture.dynamo, fixture.catalog,
                    new Leasing(fixture.catalog.leases(), Clock.systemUTC()));
            LiveOptions running = new LiveOptions(false, 4, Duration.ofSeconds(1), Duration.ofMillis(100));

            try (LiveRun first = runs.open(entry, Optional.empty(), running)) {
                CompletableFuture<LiveOutcome> outcome = CompletableFuture.supplyAsync(() -> {
                    try {
                        return first.run();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                fixture.awaitCommitted(entry, 2);
                assertThat(first.stop(Duration.ofSeconds(30))).isTrue();
                assertThat(outcome.get(1, TimeUnit.MINUTES).counts().applied()).isEqualTo(2);
            } // closed: the consumer leaves the group
            fixture.produce(1, List.of(created("3", 8, 2, 2)));

            long restarted = System.nanoTime();
            LiveOutcome second;
            try (LiveRun run = runs.open(entry, Optional.empty(), LiveOptions.defaults(true))) {
                second = run.run();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - restarted);

            assertThat(second.caughtUp()).isTrue();
            assertThat(second.counts().records()).isEqualTo(1);
            assertThat(fixture.items()).containsOnlyKeys("1", "2", "3");
            assertThat(took).as("the second run's time to catch up").isLessThan(SESSION_TIMEOUT.dividedBy(2));
            System.out.println("LiveRestartIT: the run after a clean stop caught up in " + took.toMillis() + " ms");
        }
    }
}
