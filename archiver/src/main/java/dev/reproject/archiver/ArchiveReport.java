package dev.reproject.archiver;

import dev.reproject.core.event.TopicPartition;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link TopicArchiver#archive} wrote.
 *
 * @param archiveRoot the archive's root, as given
 * @param partitions  every partition of the requested topics, whether it had records or not
 */
public record ArchiveReport(String archiveRoot, SortedMap<TopicPartition, PartitionArchived> partitions) {

    public ArchiveReport {
        partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
    }

    /** Every file written, by partition, then offset; paths relative to the archive root. */
    public List<String> files() {
        return partitions.values().stream().flatMap(p -> p.files().stream()).toList();
    }

    public long records() {
        return partitions.values().stream().mapToLong(PartitionArchived::records).sum();
    }

    public Map<TopicPartition, Long> recordsPerPartition() {
        Map<TopicPartition, Long> records = new TreeMap<>();
        partitions.forEach((tp, p) -> records.put(tp, p.records()));
        return records;
    }

    /** The last offset archived per partition, for the partitions this run archived records of. */
    public Map<TopicPartition, Long> lastOffsets() {
        Map<TopicPartition, Long> last = new TreeMap<>();
        partitions.forEach((tp, p) -> p.lastOffset().ifPresent(offset -> last.put(tp, offset)));
        return last;
    }
}
