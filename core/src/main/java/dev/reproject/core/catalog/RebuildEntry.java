package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One rebuild in the catalog (CONTRACT.md §6). Immutable: the {@code with…} methods return a copy with
 * {@code updatedAt} set to the time given.
 *
 * @param id             the target table and the snapshot loaded ({@link #table()}, {@link #snapshot()})
 * @param view           the view's name
 * @param archive        the archive root whose records after the snapshot were folded in
 * @param handoff        per partition, the last archive offset in the table: the live updater starts after it
 * @param counts         what the rebuild did, by name ({@code itemsWritten}, {@code writeCalls}, {@code retries},
 *                       {@code rejected}, …); names are the rebuild's to choose
 * @param status         where it stands
 * @param startedAt      when the (latest run of the) rebuild started
 * @param updatedAt      when the entry last changed
 * @param positions      the live updater's position and lag per partition (empty until it runs)
 * @param lastLiveUpdate when the live updater last wrote its positions
 * @param lastVerify     what the latest {@code verify} of the table found (empty until one ran)
 */
public record RebuildEntry(RebuildId id,
                           String view,
                           String archive,
                           Watermark handoff,
                           SortedMap<String, Long> counts,
                           RebuildStatus status,
                           Instant startedAt,
                           Instant updatedAt,
                           SortedMap<SourcePartition, LivePosition> positions,
                           Optional<Instant> lastLiveUpdate,
                           Optional<VerifySummary> lastVerify) {

    public RebuildEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(handoff, "handoff");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastLiveUpdate, "lastLiveUpdate");
        Objects.requireNonNull(lastVerify, "lastVerify");
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(counts, "counts")));
        counts.forEach((name, n) -> Objects.requireNonNull(n, () -> "count " + name));
        positions = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(positions, "positions")));
        positions.values().forEach(p -> Objects.requireNonNull(p, "position"));
    }

    /** A rebuild that starts at {@code at}: LOADING, no counts yet, no live positions. */
    public static RebuildEntry loading(RebuildId id, String view, String archive, Watermark handoff, Instant at) {
        return new RebuildEntry(id, view, archive, handoff, new TreeMap<>(), RebuildStatus.LOADING, at, at,
                new TreeMap<>(), Optional.empty(), Optional.empty());
    }

    public String table() {
        return id.table();
    }

    public SnapshotId snapshot() {
        return id.snapshot();
    }

    /**
     * Whether a live updater has written to the table: it is LIVE, or has reported positions. Loading the table
     * again would then write older state over newer.
     */
    public boolean liveStarted() {
        return status == RebuildStatus.LIVE || lastLiveUpdate.isPresent();
    }

    /** Whether every partition's lag is zero (true with no partitions). */
    public boolean caughtUp() {
        return positions.values().stream().allMatch(p -> p.lag() == 0);
    }

    /** Lag summed over the partitions. */
    public long totalLag() {
        return positions.values().stream().mapToLong(LivePosition::lag).sum();
    }

    public RebuildEntry withStatus(RebuildStatus newStatus, Instant at) {
        return new RebuildEntry(id, view, archive, handoff, counts, newStatus, startedAt, at, positions,
                lastLiveUpdate, lastVerify);
    }

    public RebuildEntry withCounts(Map<String, Long> newCounts, Instant at) {
        return new RebuildEntry(id, view, archive, handoff, new TreeMap<>(newCounts), status, startedAt, at,
                positions, lastLiveUpdate, lastVerify);
    }

    public RebuildEntry withHandoff(Watermark newHandoff, Instant at) {
        return new RebuildEntry(id, view, archive, newHandoff, counts, status, startedAt, at, positions,
                lastLiveUpdate, lastVerify);
    }

    /** The live updater's report at {@code at}; also the time of the last live update. */
    public RebuildEntry withPositions(Map<SourcePartition, LivePosition> newPositions, Instant at) {
        return new RebuildEntry(id, view, archive, handoff, counts, status, startedAt, at, new TreeMap<>(newPositions),
                Optional.of(at), lastVerify);
    }

    /** The same entry with {@code summary} as its latest verify. */
    public RebuildEntry withVerify(VerifySummary summary, Instant at) {
        return new RebuildEntry(id, view, archive, handoff, counts, status, startedAt, at, positions, lastLiveUpdate,
                Optional.of(summary));
    }

    /** The same entry, LOADED, with the final counts and handoff. */
    public RebuildEntry loaded(Map<String, Long> finalCounts, Watermark finalHandoff, Instant at) {
        return withCounts(finalCounts, at).withHandoff(finalHandoff, at).withStatus(RebuildStatus.LOADED, at);
    }

    /** A live report: positions recorded; LOADED becomes LIVE the first time every lag is zero. */
    public RebuildEntry live(Map<SourcePartition, LivePosition> newPositions, Instant at) {
        RebuildEntry next = withPositions(newPositions, at);
        return next.caughtUp() ? next.withStatus(RebuildStatus.LIVE, at) : next;
    }

    /**
     * For {@code status --json}: {@code id, view, table, snapshot, archive, status, handoff} (as in manifests),
     * {@code counts}, {@code startedAt, updatedAt}, {@code live: {<topic>: {<partition>: {offset, lag}}}},
     * {@code totalLag}, {@code lastLiveUpdate} (null until the live updater runs), {@code lastVerify} (null until a
     * verify ran: {@code at, counts, sample, clean, report}).
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id.value());
        out.put("view", view);
        out.put("table", table());
        out.put("snapshot", snapshot().value());
        out.put("archive", archive);
        out.put("status", status.name());
        out.put("handoff", handoff.toJsonMap());
        out.put("counts", counts);
        out.put("startedAt", startedAt.toString());
        out.put("updatedAt", updatedAt.toString());
        Map<String, Map<String, Map<String, Long>>> live = new TreeMap<>();
        positions.forEach((tp, p) -> live.computeIfAbsent(tp.topic(), t -> new TreeMap<>(
                (a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                .put(Integer.toString(tp.partition()), new TreeMap<>(Map.of("offset", p.offset(), "lag", p.lag()))));
        out.put("live", live);
        out.put("totalLag", totalLag());
        out.put("lastLiveUpdate", lastLiveUpdate.map(Instant::toString).orElse(null));
        out.put("lastVerify", lastVerify.map(VerifySummary::toJsonMap).orElse(null));
        return out;
    }
}
