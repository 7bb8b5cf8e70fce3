package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of rebuilds (CONTRACT.md §6): written by {@code rebuild} and {@code live}, read by {@code status},
 * {@code query} and {@code serve}. Implementations: {@code DynamoCatalog} (aws) and {@link InMemoryRebuildCatalog}
 * for unit tests; both follow the rules below.
 */
public interface RebuildCatalog {

    /**
     * Records a rebuild that starts: {@code entry} must be LOADING. An entry with the same id that is LOADING or
     * LOADED (a crashed or repeated run) is replaced.
     *
     * @throws IllegalStateException when a live updater has written to the entry's table (an entry of that table
     *                               is LIVE or has live positions): loading it again would write older state back
     */
    void begin(RebuildEntry entry);

    /**
     * LOADING → LOADED, with the final counts and handoff watermark; call only after every item is written.
     *
     * @throws IllegalStateException when there is no such entry, or it is not LOADING (another run replaced or
     *                               finished it)
     */
    RebuildEntry markLoaded(RebuildId id, Map<String, Long> counts, Watermark handoff);

    /**
     * The live updater's positions and lag; a LOADED entry becomes LIVE the first time every lag is zero.
     *
     * @throws IllegalStateException when there is no such entry, or it is still LOADING
     */
    RebuildEntry updateLive(RebuildId id, Map<SourcePartition, LivePosition> positions);

    Optional<RebuildEntry> get(RebuildId id);

    /** Entries whose target is {@code table}, by id (so oldest snapshot first). */
    List<RebuildEntry> entriesForTable(String table);

    /** Every entry, by id; empty when there is no catalog yet. */
    List<RebuildEntry> all();
}
