package dev.reproject.live;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;

/** Kafka's and the core's names for a partition. */
final class Partitions {

    static final Comparator<TopicPartition> ORDER = Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition);

    private Partitions() {
    }

    static SourcePartition toCore(TopicPartition tp) {
        return new SourcePartition(tp.topic(), tp.partition());
    }

    /**
     * Where the group is in {@code tp}: its committed offset, else handoff + 1 (0 for a partition the handoff does
     * not name), where the group starts.
     */
    static long groupPosition(OffsetAndMetadata committed, Watermark handoff, TopicPartition tp) {
        return committed != null ? committed.offset() : handoff.next(toCore(tp));
    }
}
