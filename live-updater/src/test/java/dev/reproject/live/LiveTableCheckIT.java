package dev.reproject.live;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code live} checks its rebuild's table before it consumes anything: a table that is gone, or was recreated with
 * other keys, is exit 1 naming the table and what differs — not a stream of dead letters blamed on the records.
 */
@ExtendWith(LocalServersExtension.class)
class LiveTableCheckIT {

    @Test
    void a_table_recreated_with_another_key_is_refused_before_anything_is_consumed(LocalServers servers)
            throws Exception {
        try (LiveFixture fixture = new LiveFixture(servers, "live-recreated")) {
            var entry = fixture.loaded(Watermark.empty());
            fixture.dynamo.deleteTable(b -> b.tableName(fixture.name));
            TableWaits.untilGone(fixture.dynamo, fixture.name);
            fixture.dynamo.createTable(TableSchemas.createTableRequest(fixture.name, new TableSchema(fixture.name,
                    new KeyAttribute("orderId", KeyType.N), Optional.empty(), List.of())));

            LiveFixture.Run run = fixture.live("--until-caught-up", "--bootstrap-servers",
                    servers.kafkaBootstrapServers());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("the table " + fixture.name + " does not fit view order-history")
                    .contains("key attribute orderId is of type N, the view's is S")
                    .contains("it has no index ftgo-order-history-by-consumer-id-and-creation-time");
            assertThat(fixture.catalog.get(entry.id()).orElseThrow().status()).isEqualTo(RebuildStatus.LOADED);
            assertThat(fixture.catalog.get(entry.id()).orElseThrow().lastLiveUpdate()).isEmpty();
        }
    }

    @Test
    void a_table_that_is_gone_is_refused(LocalServers servers) throws Exception {
        try (LiveFixture fixture = new LiveFixture(servers, "live-gone")) {
            fixture.loaded(Watermark.empty());
            fixture.dynamo.deleteTable(b -> b.tableName(fixture.name));
            TableWaits.untilGone(fixture.dynamo, fixture.name);

            LiveFixture.Run run = fixture.live("--until-caught-up", "--bootstrap-servers",
                    servers.kafkaBootstrapServers());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("the table " + fixture.name + " of rebuild").contains("does not exist");
        }
    }
}
