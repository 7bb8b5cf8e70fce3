package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link RebuildCatalog} in a map, for unit tests of the commands that use one. Thread-safe. */
public final class InMemoryRebuildCatalog implements RebuildCatalog {

    private final Clock clock;
    private final TreeMap<RebuildId, RebuildEntry> entries = new TreeMap<>();

    public InMemoryRebuildCatalog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void begin(RebuildEntry entry) {
        CatalogRules.requireBeginnable(entry, entriesForTable(entry.table()));
        entries.put(entry.id(), entry);
    }

    @Override
    public synchronized RebuildEntry markLoaded(RebuildId id, Map<String, Long> counts, Watermark handoff) {
        RebuildEntry current = entries.get(id);
        CatalogRules.requireLoading(id, Optional.ofNullable(current));
        RebuildEntry loaded = current.loaded(counts, handoff, clock.instant());
        entries.put(id, loaded);
        return loaded;
    }

    @Override
    public synchronized RebuildEntry updateLive(RebuildId id, Map<SourcePartition, LivePosition> positions) {
        RebuildEntry current = entries.get(id);
        CatalogRules.requireLoaded(id, Optional.ofNullable(current));
        RebuildEntry live = current.live(positions, clock.instant());
        entries.put(id, live);
        return live;
    }

    @Override
    public synchronized RebuildEntry recordVerify(RebuildId id, VerifySummary summary) {
        RebuildEntry current = Optional.ofNullable(entries.get(id)).orElseThrow(() -> CatalogRules.missing(id));
        CatalogRules.requireNotRetired(current);
        RebuildEntry verified = current.withVerify(summary, clock.instant());
        entries.put(id, verified);
        return verified;
    }

    @Override
    public synchronized RebuildEntry retire(RebuildId id) {
        RebuildEntry current = Optional.ofNullable(entries.get(id)).orElseThrow(() -> CatalogRules.missing(id));
        if (current.status() == RebuildStatus.RETIRED) {
            return current;
        }
        RebuildEntry retired = current.withStatus(RebuildStatus.RETIRED, clock.instant());
        entries.put(id, retired);
        return retired;
    }

    @Override
    public synchronized Optional<RebuildEntry> get(RebuildId id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized List<RebuildEntry> entriesForTable(String table) {
        return entries.values().stream().filter(e -> e.table().equals(table)).toList();
    }

    @Override
    public synchronized List<RebuildEntry> all() {
        return List.copyOf(entries.values());
    }
}
