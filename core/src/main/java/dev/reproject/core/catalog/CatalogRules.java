package dev.reproject.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The catalog's transition rules and their messages, shared by every {@link RebuildCatalog} so that they refuse
 * the same things in the same words.
 */
public final class CatalogRules {

    private CatalogRules() {
    }

    /** @throws IllegalStateException unless {@code entry} is LOADING and no live updater wrote to its table */
    public static void requireBeginnable(RebuildEntry entry, List<RebuildEntry> entriesOfTable) {
        if (entry.status() != RebuildStatus.LOADING) {
            throw new IllegalArgumentException("a rebuild begins LOADING, not " + entry.status() + ": " + entry.id());
        }
        for (RebuildEntry other : entriesOfTable) {
            if (other.status() != RebuildStatus.RETIRED && other.liveStarted()) {
                throw liveTable(entry.id(), other);
            }
        }
    }

    public static IllegalStateException liveTable(RebuildId refused, RebuildEntry live) {
        return new IllegalStateException("refusing rebuild " + refused + ": a live updater has written to table "
                + live.table() + " (rebuild " + live.id() + " is " + live.status()
                + live.lastLiveUpdate().map(t -> ", last live update " + t).orElse("")
                + "); loading it again would write older state back. Rebuild into a new table instead (--table)");
    }

    /** @throws IllegalStateException unless the entry exists and is LOADING */
    public static void requireLoading(RebuildId id, Optional<RebuildEntry> current) {
        RebuildEntry entry = current.orElseThrow(() -> missing(id));
        if (entry.status() != RebuildStatus.LOADING) {
            throw new IllegalStateException("cannot mark rebuild " + id + " LOADED: it is " + entry.status()
                    + " (updated " + entry.updatedAt()
                    + "), not LOADING; another run may have finished or replaced it");
        }
    }

    /** @throws IllegalStateException unless the entry exists and is LOADED or LIVE */
    public static void requireLoaded(RebuildId id, Optional<RebuildEntry> current) {
        RebuildEntry entry = current.orElseThrow(() -> missing(id));
        requireNotRetired(entry);
        if (entry.status() == RebuildStatus.LOADING) {
            throw new IllegalStateException("rebuild " + id + " is still LOADING (updated " + entry.updatedAt()
                    + "): the live updater starts only after the rebuild is LOADED; run or re-run the rebuild first");
        }
    }

    /**
     * @throws IllegalStateException when another rebuild of the entry's table started after it: the table holds
     *                               that rebuild's items, and only that one's handoff fits them
     */
    public static void requireNotSuperseded(RebuildEntry entry, List<RebuildEntry> entriesOfTable) {
        for (RebuildEntry other : entriesOfTable) {
            if (!other.id().equals(entry.id()) && other.startedAt().isAfter(entry.startedAt())) {
                throw new IllegalStateException("rebuild " + entry.id() + " cannot go live: rebuild " + other.id()
                        + " (" + other.status() + ", started " + other.startedAt() + ") loaded table "
                        + entry.table() + " after it; continue that one instead");
            }
        }
    }

    /** @throws RetiredException when the entry is RETIRED */
    public static void requireNotRetired(RebuildEntry entry) {
        if (entry.status() == RebuildStatus.RETIRED) {
            throw new RetiredException(entry);
        }
    }

    public static IllegalStateException missing(RebuildId id) {
        return new IllegalStateException("no rebuild " + id + " in the catalog; run 'reproject rebuild' first");
    }
}
