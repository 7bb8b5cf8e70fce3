package dev.reproject.archiver;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link ArchivePublisher#publish} produced.
 *
 * @param topic        the Kafka topic
 * @param topicCreated whether this call created it
 * @param partitions   per partition number, every partition the archive has files of
 */
public record PublishReport(String topic, boolean topicCreated, SortedMap<Integer, PartitionPublished> partitions) {

    public PublishReport {
        partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
    }

    public long records() {
        return partitions.values().stream().mapToLong(PartitionPublished::records).sum();
    }

    /** The last archive offset published per partition, for the partitions that got records. */
    public Map<Integer, Long> lastOffsets() {
        Map<Integer, Long> last = new TreeMap<>();
        partitions.forEach((p, published) -> {
            if (!published.published().isEmpty()) {
                last.put(p, published.published().last());
            }
        });
        return last;
    }
}
