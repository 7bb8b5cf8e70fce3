package dev.reproject.core.snapshot;

import java.util.Objects;

/**
 * One layer of a snapshot's rows (CONTRACT.md §5.5): the data directory of the snapshot {@code snapshot}, as its
 * run wrote it.
 *
 * @param snapshot the snapshot whose {@code data/} directory holds the layer
 * @param rows     the rows written there (one per view key)
 * @param bytes    the bytes of its data files, or {@link #UNKNOWN} (manifests written before layers)
 */
public record SnapshotLayer(SnapshotId snapshot, long rows, long bytes) {

    /** The bytes of a layer recorded before layers existed. */
    public static final long UNKNOWN = -1;

    public SnapshotLayer {
        Objects.requireNonNull(snapshot, "snapshot");
        if (rows < 0) {
            throw new IllegalArgumentException("a layer's rows cannot be negative: " + rows);
        }
        if (bytes < UNKNOWN) {
            throw new IllegalArgumentException("a layer's bytes cannot be negative: " + bytes);
        }
    }

    public boolean bytesKnown() {
        return bytes != UNKNOWN;
    }
}
