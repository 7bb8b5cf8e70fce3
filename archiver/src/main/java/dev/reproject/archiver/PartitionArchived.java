package dev.reproject.archiver;

import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.event.SourcePartition;

import java.util.List;
import java.util.OptionalLong;

/**
 * What one run archived of one partition.
 *
 * @param partition   the partition
 * @param fromOffset  where the run read from
 * @param untilOffset the offset it stopped before: the given until offset, else the end offset at the start
 * @param records     records archived
 * @param files       files written, paths relative to the archive root, in offset order
 * @param gaps        holes in Kafka's offsets that started a new file (compaction, transaction markers)
 * @param archived    first to last offset archived; {@link OffsetRange#EMPTY} when none was
 */
public record PartitionArchived(SourcePartition partition, long fromOffset, long untilOffset, long records,
                                List<String> files, int gaps, OffsetRange archived) {

    public PartitionArchived {
        files = List.copyOf(files);
    }

    /** The last offset this run archived, if any. */
    public OptionalLong lastOffset() {
        return archived.isEmpty() ? OptionalLong.empty() : OptionalLong.of(archived.last());
    }
}
