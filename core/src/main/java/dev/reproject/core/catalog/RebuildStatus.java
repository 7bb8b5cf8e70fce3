package dev.reproject.core.catalog;

/**
 * Where a rebuild stands (CONTRACT.md §6). It only moves forward: {@code LOADING → LOADED → LIVE}, and from any of
 * them to {@code RETIRED}.
 *
 * <p>There is deliberately no {@code FAILED}: a rebuild that crashes cannot write one, so {@code LOADING}
 * already has to be read as "running, or stopped part-way" (its {@code updatedAt} tells which is likely), and a
 * failed rebuild is mended by running it again, which overwrites the entry. A second status for the same fact
 * would only be trusted where it should not be.
 */
public enum RebuildStatus {

    /** Written when a rebuild starts; the table may hold any part of the items. */
    LOADING,

    /** Written only after every item is in the table; the handoff watermark is final. */
    LOADED,

    /** The live updater has caught up (lag zero on every partition) at least once. */
    LIVE,

    /**
     * {@code reproject retire} deleted the table and its consumer group: nothing serves from it or updates it. A new
     * rebuild may load a table of the same name again.
     */
    RETIRED
}
