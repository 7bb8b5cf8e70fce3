package dev.reproject.live;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartPositionsTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final TopicPartition P2 = new TopicPartition("orders", 2);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");

    @Test
    void committed_offsets_win_then_handoff_plus_one_then_zero() {
        retained(Map.of(P0, 0L, P1, 0L, P2, 0L), Map.of(P0, 100L, P1, 100L, P2, 100L));
        consumer.assign(List.of(P0));
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(57)));
        Watermark handoff = Watermark.of(Map.of(core(P0), 40L, core(P1), 41L));

        assertThat(StartPositions.resolve(consumer, List.of(P0, P1, P2), handoff))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 57L, P1, 42L, P2, 0L));
    }

    @Test
    void a_start_at_the_earliest_retained_or_at_the_end_is_fine() {
        retained(Map.of(P0, 42L, P1, 10L), Map.of(P0, 50L, P1, 42L));
        Watermark handoff = Watermark.of(Map.of(core(P0), 41L, core(P1), 41L));

        assertThat(StartPositions.resolve(consumer, List.of(P0, P1), handoff))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 42L, P1, 42L));
    }

    @Test
    void refuses_when_records_after_the_handoff_are_gone_naming_partition_and_offsets() {
        retained(Map.of(P0, 43L, P1, 0L), Map.of(P0, 90L, P1, 90L));
        Watermark handoff = Watermark.of(Map.of(core(P0), 41L, core(P1), 41L));

        assertThatThrownBy(() -> StartPositions.resolve(consumer, List.of(P0, P1), handoff))
                .isInstanceOf(StartPositions.StartRefusedException.class)
                .hasMessageContaining("partition orders-0 must start at offset 42 (handoff + 1)")
                .hasMessageContaining("the earliest offset Kafka retains is 43")
                .hasMessageNotContaining("orders-1");
    }

    @Test
    void refuses_a_partition_that_ends_before_the_handoff() {
        retained(Map.of(P0, 0L), Map.of(P0, 10L));
        Watermark handoff = Watermark.of(Map.of(core(P0), 41L));

        assertThatThrownBy(() -> StartPositions.resolve(consumer, List.of(P0), handoff))
                .isInstanceOf(StartPositions.StartRefusedException.class)
                .hasMessageContaining("partition orders-0 must start at offset 42 (handoff + 1) but it ends at 10");
    }

    @Test
    void a_committed_offset_before_the_retained_range_is_refused_too() {
        retained(Map.of(P0, 20L), Map.of(P0, 30L));
        consumer.assign(List.of(P0));
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(15)));

        assertThatThrownBy(() -> StartPositions.resolve(consumer, List.of(P0), Watermark.empty()))
                .hasMessageContaining("partition orders-0 must start at offset 15 (committed offset)")
                .hasMessageContaining("earliest offset Kafka retains is 20");
    }

    private void retained(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> end) {
        consumer.updateBeginningOffsets(earliest);
        consumer.updateEndOffsets(end);
    }

    private static SourcePartition core(TopicPartition tp) {
        return Partitions.toCore(tp);
    }
}
