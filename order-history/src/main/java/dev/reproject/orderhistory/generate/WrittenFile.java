package dev.reproject.orderhistory.generate;

import dev.reproject.core.event.TopicPartition;

/**
 * An archive file this run wrote, kept while deciding whether to write a faulty copy of it.
 *
 * @param directory      where it is, relative to the archive root
 * @param firstEventTime event time of its first line (epoch ms)
 * @param raw            its lines, uncompressed, each ending in {@code \n}
 * @param content        its bytes as written (gzip-compressed when the archive is)
 */
record WrittenFile(TopicPartition tp, String directory, long startOffset, long firstEventTime, int lines,
                   byte[] raw, byte[] content) {

    /** Index into {@link #raw} of line {@code k} (0-based). */
    int lineStart(int k) {
        int at = 0;
        for (int seen = 0; seen < k; at++) {
            if (raw[at] == '\n') {
                seen++;
            }
        }
        return at;
    }
}
