package dev.reproject.archiver.file;

import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.event.TopicPartition;

/**
 * Where files go: Kafka Connect's S3 sink with its DefaultPartitioner and default {@code topics.dir},
 * {@code topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json[.gz]}.
 */
public final class ArchivePaths {

    public static final String TOPICS_DIR = "topics";

    private ArchivePaths() {
    }

    public static String directory(TopicPartition tp) {
        return TOPICS_DIR + "/" + tp.topic() + "/partition=" + tp.partition();
    }

    public static String file(TopicPartition tp, long startOffset, boolean gzip) {
        return directory(tp) + "/" + ArchiveFileName.format(tp, startOffset, gzip);
    }
}
