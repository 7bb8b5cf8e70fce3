package dev.reproject.snapshot;

import dev.reproject.core.snapshot.CompactionPolicy;

import java.util.Objects;

/**
 * One run of the snapshot job.
 *
 * @param archive   the archive root (s3a://, s3://, file:// or a path)
 * @param view      the view's name
 * @param full      recompute from the whole archive instead of continuing the latest snapshot
 * @param allowGaps  pass holes in the archive instead of stopping a partition at them
 * @param allowEmpty go on when the root holds no file of the view's topics (else: a mistyped root, exit 4)
 * @param compact    continuing the latest snapshot, rewrite every row into one new base instead of adding a layer
 * @param compaction when a run continuing the latest snapshot compacts without being asked to (CONTRACT.md §5.5)
 */
public record SnapshotRequest(String archive, String view, boolean full, boolean allowGaps, boolean allowEmpty,
                              boolean compact, CompactionPolicy compaction) {

    public SnapshotRequest {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(compaction, "compaction");
    }

    /** A run that compacts by the default policy. */
    public SnapshotRequest(String archive, String view, boolean full, boolean allowGaps, boolean allowEmpty) {
        this(archive, view, full, allowGaps, allowEmpty, false, CompactionPolicy.DEFAULT);
    }

    /** A run that stops at a root without any file of the view's topics. */
    public SnapshotRequest(String archive, String view, boolean full, boolean allowGaps) {
        this(archive, view, full, allowGaps, false);
    }
}
