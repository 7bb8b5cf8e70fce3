package dev.reproject.live;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.reproject.live.Messages.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table deleted and recreated with another key while {@code live} runs: the updates DynamoDB refuses for that
 * are not the records' fault, so the updater stops (exit 1) naming the table and what differs, dead-letters nothing
 * and commits nothing past the record it could not write. Before, every later record was dead-lettered and the view
 * silently went stale.
 */
@ExtendWith(LocalServersExtension.class)
class LiveTableChangeIT {

    @Test
    void a_table_recreated_with_another_key_while_live_runs_stops_it_without_dead_letters(LocalServers servers)
            throws Exception {
        try (LiveFixture fixture = new LiveFixture(servers, "live-changed")) {
            fixture.freshTopic(1);
            fixture.produce(0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1)));
            RebuildEntry entry = fixture.loaded(Watermark.empty());
            CompletableFuture<LiveFixture.Run> running = fixture.liveInBackground(Map.of());
            fixture.awaitCommitted(entry, 2);
            assertThat(fixture.items()).containsOnlyKeys("1", "2");

            recreateWithNumericKey(fixture);
            fixture.produce(0, List.of(created("3", 7, 2, 2), created("4", 7, 3, 3)));
            LiveFixture.Run run = running.get(60, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("the table " + fixture.name + " does not fit view order-history")
                    .contains("key attribute orderId is of type N, the view's is S");
            assertThat(fixture.committed(entry)).isEqualTo(Map.of(0, 2L));
            try (Admin admin = fixture.admin()) {
                TopicPartition letters = new TopicPartition(fixture.topic + DeadLetters.SUFFIX, 0);
                assertThat(admin.listOffsets(Map.of(letters, OffsetSpec.latest())).partitionResult(letters).get()
                        .offset()).as("dead letters").isZero();
            }
        }
    }

    private static void recreateWithNumericKey(LiveFixture fixture) {
        fixture.dynamo.deleteTable(b -> b.tableName(fixture.name));
        TableWaits.untilGone(fixture.dynamo, fixture.name);
        fixture.dynamo.createTable(TableSchemas.createTableRequest(fixture.name, new TableSchema(fixture.name,
                new KeyAttribute("orderId", KeyType.N), Optional.empty(), List.of())));
        TableWaits.untilExists(fixture.dynamo, fixture.name);
    }
}
