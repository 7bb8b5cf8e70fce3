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
     * LOADED (a crashed or repeated run), or RETIRED (its table was deleted), is replaced.
     *
     * @throws IllegalStateException when a live updater has written to the entry's table (an entry of that table
     *                               that is not RETIRED is LIVE or has live positions): loading it again would write
     *                               older state back
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
     * @throws IllegalStateException when there is no such entry, or it is still LOADING, or RETIRED
     */
    RebuildEntry updateLive(RebuildId id, Map<SourcePartition, LivePosition> positions);

    /**
     * Records what a {@code verify} of the entry's table found, replacing the previous result.
     *
     * @throws IllegalStateException when there is no such entry, or it is RETIRED
     */
    RebuildEntry recordVerify(RebuildId id, VerifySummary summary);

    /**
     * Marks the entry RETIRED (its table and consumer group are gone); a live updater still running for it stops at
     * its next report, which {@link #updateLive} refuses. Retiring a RETIRED entry again changes nothing.
     *
     * @throws IllegalStateException when there is no such entry
     */
    RebuildEntry retire(RebuildId id);

    Optional<RebuildEntry> get(RebuildId id);

    /** Entries whose target is {@code table}, by id (so oldest snapshot first). */
    List<RebuildEntry> entriesForTable(String table);

    /** Every entry, by id; empty when there is no catalog yet. */
    List<RebuildEntry> all();
}
