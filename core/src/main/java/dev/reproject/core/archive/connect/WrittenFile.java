package dev.reproject.core.archive.connect;

import dev.reproject.core.event.SourcePartition;

/**
 * An archive file just written whole, as {@link PartitionFileWriter} hands it to its {@link FileWritten} hook.
 *
 * @param directory       where it is, relative to the archive root
 * @param path            its path relative to the archive root: the directory, then its Connect name
 * @param firstRecordTime time of its first record (epoch ms), which placed it in an hourly layout
 * @param raw             its lines, uncompressed, each ending in {@code \n}
 * @param content         its bytes as written (gzip-compressed when the archive is)
 */
@SuppressWarnings("ArrayRecordComponent") // hands the bytes to a hook; never compared or hashed
public record WrittenFile(SourcePartition tp, String directory, String path, long startOffset, long firstRecordTime,
                          int lines, byte[] raw, byte[] content) {

    /** Index into {@link #raw} of line {@code k} (0-based). */
    public int lineStart(int k) {
        int at = 0;
        for (int seen = 0; seen < k; at++) {
            if (raw[at] == '\n') {
                seen++;
            }
        }
        return at;
    }
}
