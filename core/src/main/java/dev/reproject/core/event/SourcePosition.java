package dev.reproject.core.event;

import java.io.Serializable;
/** Where a record came from: its topic partition and Kafka offset. */
public record SourcePosition(SourcePartition topicPartition, long offset) implements Serializable {

    public SourcePosition {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    public static SourcePosition of(String topic, int partition, long offset) {
        return new SourcePosition(new SourcePartition(topic, partition), offset);
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }
}
