package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;

import java.io.Serializable;
import java.util.Objects;

/**
 * One archive file, known from its name alone: {@code <topic>+<partition>+<startOffset>.json[.gz]}.
 *
 * @param path        where it is, as listed (absolute URI or path relative to the archive root)
 * @param topicPartition the partition whose records it holds
 * @param startOffset offset of its first line
 * @param gzip        whether it is {@code .json.gz}
 */
public record ArchiveFile(String path, SourcePartition topicPartition, long startOffset,
                          boolean gzip) implements Serializable {

    public ArchiveFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(topicPartition, "topicPartition");
        if (startOffset < 0) {
            throw new IllegalArgumentException("start offset must be >= 0 in " + path);
        }
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }
}
