package dev.reproject.live;

import dev.reproject.core.event.SourcePartition;
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
}
