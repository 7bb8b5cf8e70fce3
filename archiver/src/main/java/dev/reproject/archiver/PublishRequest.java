package dev.reproject.archiver;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ArchivePublisher#publish} publishes. Start with {@link #of}, change with the {@code with…} methods.
 *
 * @param archiveTopic      the topic whose files are read (the name in the archive's file names)
 * @param topic             the Kafka topic to produce to (may differ, e.g. a fresh topic per test)
 * @param fromOffsets       per partition, the first archive offset to publish (default: the partition's first
 *                          file's start offset); Kafka's end offset of the partition must equal it
 * @param untilOffsets      per partition, the archive offset to stop before (default: the end of the archive)
 * @param allowMissing      publish across offsets no readable file holds instead of failing; Kafka's offsets then
 *                          fall behind the archive's by the number missing
 * @param replicationFactor for a topic this call creates (default: the broker's default)
 */
public record PublishRequest(String archiveTopic, String topic, Map<Integer, Long> fromOffsets,
                             Map<Integer, Long> untilOffsets, boolean allowMissing, Optional<Short> replicationFactor) {

    public PublishRequest {
        Objects.requireNonNull(archiveTopic, "archiveTopic");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        if (archiveTopic.isBlank() || topic.isBlank()) {
            throw new IllegalArgumentException("topic names must not be blank");
        }
        fromOffsets = Map.copyOf(fromOffsets);
        untilOffsets = Map.copyOf(untilOffsets);
        checkOffsets("from", fromOffsets);
        checkOffsets("until", untilOffsets);
    }

    /** Every record of {@code archiveTopic} in the archive, into {@code topic}. */
    public static PublishRequest of(String archiveTopic, String topic) {
        return new PublishRequest(archiveTopic, topic, Map.of(), Map.of(), false, Optional.empty());
    }

    /** Every record of {@code topic} in the archive, into the topic of the same name. */
    public static PublishRequest of(String topic) {
        return of(topic, topic);
    }

    public PublishRequest withFromOffsets(Map<Integer, Long> offsets) {
        return new PublishRequest(archiveTopic, topic, offsets, untilOffsets, allowMissing, replicationFactor);
    }

    public PublishRequest withUntilOffsets(Map<Integer, Long> offsets) {
        return new PublishRequest(archiveTopic, topic, fromOffsets, offsets, allowMissing, replicationFactor);
    }

    private static void checkOffsets(String what, Map<Integer, Long> offsets) {
        offsets.forEach((partition, offset) -> {
            if (partition < 0 || offset < 0) {
                throw new IllegalArgumentException(what + " offset " + offset + " of partition " + partition
                        + ": partitions and offsets must be 0 or more");
            }
        });
    }
}
