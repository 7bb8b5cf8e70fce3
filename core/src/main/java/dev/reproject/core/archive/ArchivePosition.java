package dev.reproject.core.archive;

import dev.reproject.core.event.TopicPartition;
import dev.reproject.core.watermark.Watermark;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far earlier runs read the archive: the watermark and, per partition, the last file read. A later
 * run opens only what may lie beyond it.
 */
public record ArchivePosition(Watermark watermark, Map<TopicPartition, FileSpan> lastFiles) {

    public ArchivePosition {
        Objects.requireNonNull(watermark, "watermark");
        lastFiles = Map.copyOf(lastFiles);
    }

    /** Nothing read yet: a full run. */
    public static ArchivePosition beginning() {
        return new ArchivePosition(Watermark.empty(), Map.of());
    }

    public OptionalLong offset(TopicPartition tp) {
        return watermark.offset(tp);
    }

    public Optional<FileSpan> lastFile(TopicPartition tp) {
        return Optional.ofNullable(lastFiles.get(tp));
    }
}
