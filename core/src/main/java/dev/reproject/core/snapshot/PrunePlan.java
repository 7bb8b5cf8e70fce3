package dev.reproject.core.snapshot;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code reproject prune --keep N} deletes of a view's committed snapshots: every one beyond the newest
 * {@code N}, except those a rebuild of the view still needs (its catalog entry is LOADING, LOADED or LIVE: a
 * rebuild may be loading it, or a table was built from it and a rebuild of that table again would read it). The
 * latest is always among the newest {@code N}, so never deleted.
 *
 * @param kept     the newest {@code N}, newest first
 * @param inUse    beyond them, the snapshots kept for the rebuilds named (oldest first)
 * @param toDelete beyond them, the others (oldest first)
 */
public record PrunePlan(List<SnapshotId> kept, Map<SnapshotId, List<String>> inUse, List<SnapshotId> toDelete) {

    /** The statuses whose snapshot is kept. */
    public static final Set<RebuildStatus> PROTECTING = Set.of(RebuildStatus.LOADING, RebuildStatus.LOADED,
            RebuildStatus.LIVE);

    public PrunePlan {
        kept = List.copyOf(kept);
        inUse = new TreeMap<>(inUse);
        toDelete = List.copyOf(toDelete);
    }

    /**
     * @param committed the view's committed snapshots, any order
     * @param keep      how many of the newest to keep; 1 or more
     * @param rebuilds  the view's catalog entries, any status
     */
    public static PrunePlan of(List<SnapshotId> committed, int keep, List<RebuildEntry> rebuilds) {
        if (keep < 1) {
            throw new IllegalArgumentException("--keep must be 1 or more (the latest snapshot is never pruned), was "
                    + keep);
        }
        Map<SnapshotId, List<String>> users = rebuilds.stream()
                .filter(e -> PROTECTING.contains(e.status()))
                .sorted(Comparator.comparing(RebuildEntry::id))
                .collect(Collectors.groupingBy(RebuildEntry::snapshot, TreeMap::new,
                        Collectors.mapping(e -> "rebuild " + e.id() + " is " + e.status(), Collectors.toList())));
        List<SnapshotId> newestFirst = committed.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        List<SnapshotId> kept = newestFirst.subList(0, Math.min(keep, newestFirst.size()));
        Map<SnapshotId, List<String>> inUse = new TreeMap<>();
        List<SnapshotId> toDelete = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= kept.size(); i--) { // oldest first
            SnapshotId id = newestFirst.get(i);
            List<String> by = users.get(id);
            if (by != null) {
                inUse.put(id, by);
            } else {
                toDelete.add(id);
            }
        }
        return new PrunePlan(kept, inUse, toDelete);
    }

    /** Whether snapshots beyond {@code --keep} were found, and every one is in use: nothing can be pruned. */
    public boolean refused() {
        return toDelete.isEmpty() && !inUse.isEmpty();
    }

    /** {@code <id> (rebuild t@… is LIVE)} for each snapshot in use, for messages. */
    public String inUseText() {
        return inUse.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }
}
