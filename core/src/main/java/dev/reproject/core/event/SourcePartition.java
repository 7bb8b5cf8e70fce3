package dev.reproject.core.event;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/** A Kafka topic partition, as named in archive file names and watermarks. */
public record SourcePartition(String topic, int partition) implements Comparable<SourcePartition>, Serializable {

    private static final Comparator<SourcePartition> ORDER = Comparator.comparing(SourcePartition::topic)
            .thenComparingInt(SourcePartition::partition);

    public SourcePartition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty() || topic.indexOf('+') >= 0) {
            throw new IllegalArgumentException("not a Kafka topic name: '" + topic + "'");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }

    @Override
    public int compareTo(SourcePartition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
