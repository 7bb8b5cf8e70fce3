package dev.reproject.live;

import dev.reproject.core.watermark.Watermark;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where each partition starts (CONTRACT.md §6): the group's committed offset, else handoff + 1 (0 for a partition the
 * handoff does not name). Every start must lie within what Kafka retains, from the earliest retained offset to
 * the end: before it, events the table needs are gone; beyond the end, the topic is not the one the archive
 * was made from. Either way the updater refuses to start rather than silently lose events.
 */
public final class StartPositions {

    private StartPositions() {
    }

    /** @throws StartRefusedException naming every partition whose start lies outside Kafka's retained range */
    public static Map<TopicPartition, Long> resolve(Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                                    Watermark handoff) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        Map<TopicPartition, Long> earliest = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = new TreeMap<>(Partitions.ORDER);
        List<String> problems = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata mark = committed.get(tp);
            String from = mark != null ? "committed offset" : "handoff + 1";
            long start = Partitions.groupPosition(mark, handoff, tp);
            long first = earliest.get(tp);
            long last = end.get(tp);
            if (start < first) {
                problems.add("partition " + tp + " must start at offset " + start + " (" + from + ") but the earliest "
                        + "offset Kafka retains is " + first + ": offsets " + start + ".." + (first - 1)
                        + " are gone (retention or deleteRecords)");
            } else if (start > last) {
                problems.add("partition " + tp + " must start at offset " + start + " (" + from + ") but it ends at "
                        + last + ": is this the topic the archive was made from?");
            }
            starts.put(tp, start);
        }
        if (!problems.isEmpty()) {
            throw new StartRefusedException("refusing to start, events would be lost: " + String.join("; ", problems)
                    + ". Rebuild from an archive that reaches the retained range, or use a newer snapshot");
        }
        return starts;
    }

    /** The live updater cannot start without a gap. */
    public static final class StartRefusedException extends IllegalStateException {
        public StartRefusedException(String message) {
            super(message);
        }
    }
}
