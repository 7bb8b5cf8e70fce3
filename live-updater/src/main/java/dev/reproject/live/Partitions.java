package dev.reproject.live;

import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;

/** Kafka's and the core's names for a partition. */
final class Partitions {

    static final Comparator<TopicPartition> ORDER = Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition);

    private Partitions() {
    }

    static dev.reproject.core.event.TopicPartition toCore(TopicPartition tp) {
        return new dev.reproject.core.event.TopicPartition(tp.topic(), tp.partition());
    }
}
