package dev.reproject.core.catalog;

/**
 * The live updater's position in one partition.
 *
 * @param offset the next offset it will read (Kafka's committed offset: everything below is in the table)
 * @param lag    records between {@code offset} and the partition's end offset when last looked at
 */
public record LivePosition(long offset, long lag) {

    public LivePosition {
        if (offset < 0) {
            throw new IllegalArgumentException("live offset must be >= 0, was " + offset);
        }
        if (lag < 0) {
            throw new IllegalArgumentException("live lag must be >= 0, was " + lag);
        }
    }
}
