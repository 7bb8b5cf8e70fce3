package dev.reproject.verify;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.verify.KeyClass;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a verify found.
 *
 * @param table       the table read
 * @param snapshot    the snapshot the recomputation started from
 * @param counts      keys checked by class (every class, 0 included)
 * @param differences up to {@link VerifyJob#SAMPLE_LINES} differing fields of wrong keys, by key
 * @param report      where the full report is
 * @param itemsRead   items the scan read (all of the table's, whatever the sample)
 * @param readUnits   read capacity units the scan consumed, as DynamoDB reported them
 * @param segments    the scan's segments
 * @param sample      the fraction of keys checked
 * @param recorded    the catalog entry with this result, if the table has one
 */
public record VerifyOutcome(String table, SnapshotId snapshot, Map<KeyClass, Long> counts,
                            List<Difference> differences, String report, long itemsRead, double readUnits,
                            int segments, double sample, Optional<RebuildEntry> recorded) {

    /** One differing field of a wrong key; values in DynamoDB JSON, null where absent. */
    public record Difference(String key, KeyClass keyClass, String field, String expected, String actual) {
    }

    public VerifyOutcome {
        counts = Map.copyOf(counts);
        differences = List.copyOf(differences);
    }

    /** Whether no key was wrong. */
    public boolean clean() {
        return wrongKeys() == 0;
    }

    public long wrongKeys() {
        return counts.entrySet().stream().filter(e -> e.getKey().wrong()).mapToLong(Map.Entry::getValue).sum();
    }

    public long keysChecked() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
