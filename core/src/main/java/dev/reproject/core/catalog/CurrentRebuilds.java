package dev.reproject.core.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which rebuild the commands work on, decided from the catalog alone, so that {@code live}, {@code query} and
 * {@code serve} decide alike whatever catalog they read.
 */
public final class CurrentRebuilds {

    /** Newest: by snapshot, then by start (two tables may load the same snapshot). */
    private static final Comparator<RebuildEntry> NEWEST = Comparator.comparing(RebuildEntry::snapshot)
            .thenComparing(RebuildEntry::startedAt);

    private CurrentRebuilds() {
    }

    /** The table's latest rebuild, whatever its status: the one of its newest snapshot. */
    public static Optional<RebuildEntry> latest(RebuildCatalog catalog, String table) {
        List<RebuildEntry> entries = catalog.entriesForTable(table);
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /**
     * The rebuild a live updater continues: {@code id} when given, else the table's {@link #latest}; empty when
     * there is no such rebuild.
     *
     * @throws IllegalStateException when that rebuild is still LOADING: its table is not complete yet
     */
    public static Optional<RebuildEntry> toContinue(RebuildCatalog catalog, Optional<RebuildId> id, String table) {
        Optional<RebuildEntry> entry = id.isPresent() ? catalog.get(id.get()) : latest(catalog, table);
        entry.ifPresent(e -> CatalogRules.requireLoaded(e.id(), entry));
        return entry;
    }

    /**
     * The rebuild whose table serves the view: its newest LIVE one, else its newest LOADED one; never a LOADING
     * one. A LIVE table is preferred over a newer LOADED one because its live updater has caught up; a newer
     * rebuild is served once its own updater has.
     */
    public static Optional<RebuildEntry> served(RebuildCatalog catalog, String view) {
        List<RebuildEntry> entries = catalog.all();
        for (RebuildStatus status : List.of(RebuildStatus.LIVE, RebuildStatus.LOADED)) {
            Optional<RebuildEntry> entry = entries.stream()
                    .filter(e -> e.view().equals(view) && e.status() == status)
                    .max(NEWEST);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }
}
