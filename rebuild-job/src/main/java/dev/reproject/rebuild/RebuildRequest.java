package dev.reproject.rebuild;

import dev.reproject.core.snapshot.SnapshotId;

import java.util.Objects;
import java.util.Optional;

/**
 * One rebuild.
 *
 * @param archive     the archive root
 * @param view        the view's name
 * @param snapshot    the snapshot to load; empty: the latest committed
 * @param target      the table and how to write it
 * @param allowGaps   pass holes in the archive beyond the snapshot
 * @param provisioned the capacity of the table if the rebuild creates it; empty: on-demand
 * @param allowEmpty  go on when the root holds no file of the view's topics (else: a mistyped root, exit 4)
 */
public record RebuildRequest(String archive, String view, Optional<SnapshotId> snapshot, DynamoTarget target,
                             boolean allowGaps, Optional<Capacity> provisioned, boolean allowEmpty) {

    public RebuildRequest {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(provisioned, "provisioned");
    }

    /** A rebuild that stops at a root without any file of the view's topics. */
    public RebuildRequest(String archive, String view, Optional<SnapshotId> snapshot, DynamoTarget target,
                          boolean allowGaps, Optional<Capacity> provisioned) {
        this(archive, view, snapshot, target, allowGaps, provisioned, false);
    }

    /** A rebuild that creates its table on-demand when missing. */
    public RebuildRequest(String archive, String view, Optional<SnapshotId> snapshot, DynamoTarget target,
                          boolean allowGaps) {
        this(archive, view, snapshot, target, allowGaps, Optional.empty(), false);
    }
}
