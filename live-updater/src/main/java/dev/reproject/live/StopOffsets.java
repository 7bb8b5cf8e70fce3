package dev.reproject.live;

import dev.reproject.core.watermark.Watermark;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * Where {@code --until-caught-up} stops: the end offset every partition had at start. It is reached when this
 * process's partitions are there by position and, in a consumer group, every partition is there by the group's
 * committed offset (asked at most once a second), so that every member stops once the group has caught up.
 */
final class StopOffsets {

    private static final long GROUP_CHECK_NANOS = 1_000_000_000L;

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> ends;
    private final boolean inGroup;
    private final Watermark handoff;
    private long lastGroupCheck;

    StopOffsets(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends, boolean inGroup, Watermark handoff) {
        this.consumer = consumer;
        this.ends = Map.copyOf(ends);
        this.inGroup = inGroup;
        this.handoff = handoff;
    }

    boolean reached() {
        if (!consumed()) {
            return false;
        }
        if (!inGroup) {
            return true;
        }
        long now = System.nanoTime();
        if (lastGroupCheck != 0 && now - lastGroupCheck < GROUP_CHECK_NANOS) {
            return false;
        }
        lastGroupCheck = now;
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(ends.keySet());
        return ends.entrySet().stream().allMatch(
                e -> Partitions.groupPosition(committed.get(e.getKey()), handoff, e.getKey()) >= e.getValue());
    }

    /** Whether this process's partitions are at their end offsets by position: everything up to there is polled. */
    boolean consumed() {
        for (TopicPartition tp : consumer.assignment()) {
            if (consumer.position(tp) < ends.get(tp)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return ends.toString();
    }
}
