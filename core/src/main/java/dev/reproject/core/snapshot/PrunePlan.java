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
import java.util.stream.Stream;

/**
 * What {@code reproject prune --keep N} deletes of a view's committed snapshots: every one beyond the newest
 * {@code N}, except those a rebuild of the view still needs (its catalog entry is LOADING, LOADED or LIVE: a
 * rebuild may be loading it, or a table was built from it and a rebuild of that table again would read it). The
 * latest is always among the newest {@code N}, so never deleted. A kept snapshot keeps every snapshot whose data it
 * reads as a layer (CONTRACT.md §5.5): those are kept too, whatever their age.
 *
 * @param kept     the newest {@code N}, newest first
 * @param inUse    beyond them, the snapshots kept for the rebuilds named (oldest first)
 * @param layerOf  beyond them and not in use, the snapshots kept because kept ones read their data as a layer: for
 *                 each, those kept ones (oldest first)
 * @param toDelete beyond them, the others (oldest first)
 */
public record PrunePlan(List<SnapshotId> kept, Map<SnapshotId, List<String>> inUse,
                        Map<SnapshotId, List<SnapshotId>> layerOf, List<SnapshotId> toDelete) {

    /** The statuses whose snapshot is kept. */
    public static final Set<RebuildStatus> PROTECTING = Set.of(RebuildStatus.LOADING, RebuildStatus.LOADED,
            RebuildStatus.LIVE);

    public PrunePlan {
        kept = List.copyOf(kept);
        inUse = new TreeMap<>(inUse);
        layerOf = new TreeMap<>(layerOf);
        toDelete = List.copyOf(toDelete);
    }

    /**
     * @param committed the view's committed snapshots, any order
     * @param keep      how many of the newest to keep; 1 or more
     * @param rebuilds  the view's catalog entries, any status
     */
    public static PrunePlan of(List<SnapshotId> committed, int keep, List<RebuildEntry> rebuilds) {
        return of(committed.stream().distinct().collect(Collectors.toMap(id -> id, List::of)), keep, rebuilds);
    }

    /**
     * @param layers   the view's committed snapshots, each with the snapshots whose data it reads (itself first:
     *                 {@link SnapshotManifest#layerIds()})
     * @param keep     how many of the newest to keep; 1 or more
     * @param rebuilds the view's catalog entries, any status
     */
    public static PrunePlan of(Map<SnapshotId, List<SnapshotId>> layers, int keep, List<RebuildEntry> rebuilds) {
        List<SnapshotId> committed = List.copyOf(layers.keySet());
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
        for (int i = newestFirst.size() - 1; i >= kept.size(); i--) { // oldest first
            SnapshotId id = newestFirst.get(i);
            List<String> by = users.get(id);
            if (by != null) {
                inUse.put(id, by);
            }
        }
        Map<SnapshotId, List<SnapshotId>> layerOf = new TreeMap<>();
        Stream.concat(kept.stream(), inUse.keySet().stream()).sorted().forEach(reader -> layers.get(reader).stream()
                .filter(layer -> layers.containsKey(layer) && !layer.equals(reader) && !kept.contains(layer)
                        && !inUse.containsKey(layer))
                .forEach(layer -> layerOf.computeIfAbsent(layer, l -> new ArrayList<>()).add(reader)));
        List<SnapshotId> toDelete = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= kept.size(); i--) { // oldest first
            SnapshotId id = newestFirst.get(i);
            if (!inUse.containsKey(id) && !layerOf.containsKey(id)) {
                toDelete.add(id);
            }
        }
        return new PrunePlan(kept, inUse, layerOf, toDelete);
    }

    /** Whether snapshots beyond {@code --keep} were found, and every one is in use: nothing can be pruned. */
    public boolean refused() {
        return toDelete.isEmpty() && !inUse.isEmpty();
    }

    /** {@code <id> (a layer of <id>, …)} for each snapshot kept as a layer, for messages. */
    public String layerOfText() {
        return layerOf.entrySet().stream().map(e -> e.getKey() + " (a layer of " + e.getValue().stream()
                .map(SnapshotId::value).collect(Collectors.joining(", ")) + ")").collect(Collectors.joining("; "));
    }

    /** {@code <id> (rebuild t@… is LIVE)} for each snapshot in use, for messages. */
    public String inUseText() {
        return inUse.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }
}
