package dev.reproject.verify;

import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.verify.KeySample;

import java.util.Objects;
import java.util.Optional;

/**
 * One verify.
 *
 * @param archive    the archive root
 * @param view       the view's name
 * @param source     the table to read
 * @param rebuild    the catalog entry the result is recorded in; empty: the table has none
 * @param sample     the keys checked
 * @param readRate   read units per second for the whole scan; 0: no limit
 * @param segments   the parallel scan's segments (one Spark task each)
 * @param runId      names the report, {@code <snapshots>/<view>/verify/<runId>.json}
 * @param allowGaps  pass holes in the archive beyond the snapshot, as the rebuild may have
 * @param allowEmpty go on when the root holds no file of the view's topics (else: a mistyped root, exit 4)
 */
public record VerifyRequest(String archive, String view, DynamoSource source, Optional<RebuildId> rebuild,
                            KeySample sample, double readRate, int segments, String runId, boolean allowGaps,
                            boolean allowEmpty) {

    public VerifyRequest {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rebuild, "rebuild");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(runId, "runId");
        if (!(readRate >= 0 && Double.isFinite(readRate))) {
            throw new IllegalArgumentException("--read-rate must be more than 0 read units/s, was " + readRate);
        }
        if (segments < 1 || segments > 1_000_000) {
            throw new IllegalArgumentException("--segments must be 1 to 1,000,000, was " + segments);
        }
    }
}
