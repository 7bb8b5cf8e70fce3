package dev.reproject.core.snapshot;

import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.archive.Hole;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The manifest of a snapshot, written last: it commits the snapshot (CONTRACT.md §5). A snapshot directory
 * without one does not exist for readers.
 *
 * @param id          this snapshot
 * @param view        the view's name
 * @param fingerprint the view definition's fingerprint; a run with another needs {@code --full}
 * @param parent      the snapshot this one continues (empty for a full run)
 * @param createdAt   when the run started
 * @param archive     the archive root read
 * @param position    where the archive was read up to: watermark, last file read and files known per partition
 * @param holes       holes found: passed ({@code --allow-gaps}) or where a partition stopped
 * @param counts      what the run did
 * @param data        the data files' directory, relative to the snapshot directory
 * @param rejected    the rejected records' directory, relative to the snapshot directory
 * @param layers      the layers its rows are read from, newest first (CONTRACT.md §5.5): its own data first, its
 *                    base (the last full or compacted snapshot's data) last; one layer for a full or compacted run
 */
public record SnapshotManifest(SnapshotId id,
                               String view,
                               String fingerprint,
                               Optional<SnapshotId> parent,
                               Instant createdAt,
                               String archive,
                               ArchivePosition position,
                               List<Hole> holes,
                               SnapshotCounts counts,
                               String data,
                               String rejected,
                               List<SnapshotLayer> layers) {

    public static final String FILE_NAME = "manifest.json";
    public static final String DATA_DIR = "data";
    public static final String REJECTED_DIR = "rejected";

    public SnapshotManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(counts, "counts");
        holes = List.copyOf(holes);
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !layers.get(0).snapshot().equals(id)) {
            throw new IllegalArgumentException("snapshot " + id + ": its first layer must be its own data, was "
                    + layers.stream().map(l -> l.snapshot().value()).toList());
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).snapshot().compareTo(layers.get(i - 1).snapshot()) >= 0) {
                throw new IllegalArgumentException("snapshot " + id + ": layers must be newest first, were "
                        + layers.stream().map(l -> l.snapshot().value()).toList());
            }
        }
    }

    /** A snapshot whose rows are its own data alone (a full or compacted run; a manifest written before layers). */
    public SnapshotManifest(SnapshotId id, String view, String fingerprint, Optional<SnapshotId> parent,
                            Instant createdAt, String archive, ArchivePosition position, List<Hole> holes,
                            SnapshotCounts counts, String data, String rejected) {
        this(id, view, fingerprint, parent, createdAt, archive, position, holes, counts, data, rejected,
                List.of(new SnapshotLayer(id, counts.items(), SnapshotLayer.UNKNOWN)));
    }

    /** The same snapshot with other layers. */
    public SnapshotManifest withLayers(List<SnapshotLayer> newLayers) {
        return new SnapshotManifest(id, view, fingerprint, parent, createdAt, archive, position, holes, counts, data,
                rejected, newLayers);
    }

    /** The snapshots whose data this one reads, newest first: itself first. */
    public List<SnapshotId> layerIds() {
        return layers.stream().map(SnapshotLayer::snapshot).toList();
    }

    /** Whether its rows are spread over more than its own data. */
    public boolean layered() {
        return layers.size() > 1;
    }
}
