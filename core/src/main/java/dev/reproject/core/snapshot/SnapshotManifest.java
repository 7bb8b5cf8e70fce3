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
                               String rejected) {

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
    }
}
