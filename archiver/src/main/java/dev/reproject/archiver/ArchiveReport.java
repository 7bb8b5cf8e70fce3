package dev.reproject.archiver;

import dev.reproject.core.event.SourcePartition;

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
public record ArchiveReport(String archiveRoot, SortedMap<SourcePartition, PartitionArchived> partitions) {

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

    public Map<SourcePartition, Long> recordsPerPartition() {
        Map<SourcePartition, Long> records = new TreeMap<>();
        partitions.forEach((tp, p) -> records.put(tp, p.records()));
        return records;
    }

    /** The last offset archived per partition, for the partitions this run archived records of. */
    public Map<SourcePartition, Long> lastOffsets() {
        Map<SourcePartition, Long> last = new TreeMap<>();
        partitions.forEach((tp, p) -> p.lastOffset().ifPresent(offset -> last.put(tp, offset)));
        return last;
    }
}
