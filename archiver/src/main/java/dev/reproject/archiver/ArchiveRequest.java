package dev.reproject.archiver;

import dev.reproject.core.event.SourcePartition;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link TopicArchiver#archive} archives. Start with {@link #of}, change with the {@code with…} methods.
 *
 * @param topics         the topics, every partition of each (a topic named twice counts once)
 * @param recordsPerFile at most this many lines per file (Connect's {@code flush.size}; default 1,000)
 * @param gzip           write {@code .json.gz} files (default: plain {@code .json})
 * @param startOffsets   per partition, the first offset to archive; for the others the run goes on after the
 *                       highest offset the archive holds, or from the partition's beginning when it holds none
 * @param untilOffsets   per partition, the offset to stop before (exclusive; the run waits for records up to it);
 *                       for the others, the end offset (last stable offset) when the run starts
 * @param maxIdle        fail when no partition moves on for this long while records are still owed (default 30 s)
 */
public record ArchiveRequest(List<String> topics, int recordsPerFile, boolean gzip,
                             Map<SourcePartition, Long> startOffsets, Map<SourcePartition, Long> untilOffsets,
                             Duration maxIdle) {

    public static final int DEFAULT_RECORDS_PER_FILE = 1_000;
    public static final Duration DEFAULT_MAX_IDLE = Duration.ofSeconds(30);

    public ArchiveRequest {
        topics = List.copyOf(new LinkedHashSet<>(topics)); // each once, in the order given
        startOffsets = Map.copyOf(startOffsets);
        untilOffsets = Map.copyOf(untilOffsets);
        Objects.requireNonNull(maxIdle, "maxIdle");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no topic to archive: name at least one");
        }
        if (recordsPerFile < 1) {
            throw new IllegalArgumentException("records per file must be 1 or more, was " + recordsPerFile);
        }
        if (maxIdle.isNegative() || maxIdle.isZero()) {
            throw new IllegalArgumentException("maxIdle must be positive, was " + maxIdle);
        }
        checkOffsets("start", startOffsets, topics);
        checkOffsets("until", untilOffsets, topics);
    }

    /** Every partition of {@code topics}, continuing the archive, up to the end offsets at the start. */
    public static ArchiveRequest of(Collection<String> topics) {
        return new ArchiveRequest(List.copyOf(topics), DEFAULT_RECORDS_PER_FILE, false, Map.of(), Map.of(),
                DEFAULT_MAX_IDLE);
    }

    public static ArchiveRequest of(String... topics) {
        return of(List.of(topics));
    }

    public ArchiveRequest withRecordsPerFile(int n) {
        return new ArchiveRequest(topics, n, gzip, startOffsets, untilOffsets, maxIdle);
    }

    public ArchiveRequest withGzip(boolean on) {
        return new ArchiveRequest(topics, recordsPerFile, on, startOffsets, untilOffsets, maxIdle);
    }

    public ArchiveRequest withStartOffsets(Map<SourcePartition, Long> offsets) {
        return new ArchiveRequest(topics, recordsPerFile, gzip, offsets, untilOffsets, maxIdle);
    }

    public ArchiveRequest withUntilOffsets(Map<SourcePartition, Long> offsets) {
        return new ArchiveRequest(topics, recordsPerFile, gzip, startOffsets, offsets, maxIdle);
    }

    public ArchiveRequest withMaxIdle(Duration idle) {
        return new ArchiveRequest(topics, recordsPerFile, gzip, startOffsets, untilOffsets, idle);
    }

    private static void checkOffsets(String what, Map<SourcePartition, Long> offsets, List<String> topics) {
        offsets.forEach((tp, offset) -> {
            if (!topics.contains(tp.topic())) {
                throw new IllegalArgumentException(what + " offset given for " + tp + ", but topic " + tp.topic()
                        + " is not archived (topics: " + String.join(", ", topics) + ")");
            }
            if (offset < 0) {
                throw new IllegalArgumentException(what + " offset of " + tp + " must be 0 or more, was " + offset);
            }
        });
    }
}
