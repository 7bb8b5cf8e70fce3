package dev.reproject.live;

import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.reproject.live.Messages.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records after the handoff deleted from the topic ({@code deleteRecords}): {@code live} refuses to start,
 * exit 1, naming the partition, the offset it needs and the earliest one Kafka retains; nothing is written.
 */
@ExtendWith(LocalServersExtension.class)
class LiveGapIT {

    @Test
    void refuses_to_start_when_kafka_no_longer_holds_handoff_plus_one(LocalServers servers) throws Exception {
        try (LiveFixture fixture = new LiveFixture(servers, "live-gap")) {
            fixture.freshTopic(2);
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                events.add(created(Integer.toString(1000 + i), 7, i, i));
            }
            fixture.produce(0, events);
            fixture.produce(1, events.subList(0, 5));
            // the archive reached offset 19 of partition 0 and 4 of partition 1; Kafka then lost 0..29 of partition 0
            var entry = fixture.loaded(Watermark.of(Map.of(new SourcePartition(fixture.topic, 0), 19L,
                    new SourcePartition(fixture.topic, 1), 4L)));
            try (Admin admin = fixture.admin()) {
                admin.deleteRecords(Map.of(new org.apache.kafka.common.TopicPartition(fixture.topic, 0),
                        RecordsToDelete.beforeOffset(30))).all().get();
            }

            LiveFixture.Run run = fixture.live("--until-caught-up");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("partition " + fixture.topic + "-0 must start at offset 20 (handoff + 1)")
                    .contains("the earliest offset Kafka retains is 30")
                    .doesNotContain(fixture.topic + "-1 must");
            assertThat(fixture.items()).isEmpty();
            assertThat(fixture.catalog.get(entry.id()).orElseThrow().status()).isEqualTo(RebuildStatus.LOADED);
        }
    }
}
