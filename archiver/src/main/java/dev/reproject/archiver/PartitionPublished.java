package dev.reproject.archiver;

import dev.reproject.core.archive.OffsetRange;

import java.util.List;

/**
 * What one call published of one partition.
 *
 * @param partition       the partition (the same number in the archive and in Kafka)
 * @param published       first to last archive offset published; {@link OffsetRange#EMPTY} when none was
 * @param records         records produced
 * @param firstKafkaOffset the Kafka offset of the first (equal to {@code published.first()}); -1 when none
 * @param duplicateLines  lines of re-delivered copies that were skipped
 * @param missing         archive offsets no readable file holds (only with {@link PublishRequest#allowMissing()})
 * @param unreadableFiles files skipped because they cannot be read (corrupt gzip), relative to the archive root
 */
public record PartitionPublished(int partition, OffsetRange published, long records, long firstKafkaOffset,
                                 long duplicateLines, List<OffsetRange> missing, List<String> unreadableFiles) {

    public PartitionPublished {
        missing = List.copyOf(missing);
        unreadableFiles = List.copyOf(unreadableFiles);
    }
}
