package dev.reproject.core.verify;

import java.util.Locale;

/**
 * What {@code verify} finds for one view key, comparing the table's item with the recomputed one by the aggregates'
 * markers (CONTRACT.md §4.4).
 */
public enum KeyClass {
    /** Same markers, equal items. */
    EQUAL(false),
    /** The table has applied events the recomputation has not (live ran past the archive): counted, fine. */
    AHEAD(false),
    /** Same markers, different items: the table was changed by something else than the view's updates. */
    DIVERGED(true),
    /** The table lacks events the recomputation applied. */
    BEHIND(true),
    /** The recomputation has the key, the table has no item. */
    MISSING(true),
    /** The table has an item without any aggregate's marker that the recomputation does not have. */
    EXTRA(true);

    private final boolean wrong;

    KeyClass(boolean wrong) {
        this.wrong = wrong;
    }

    /** Whether the class makes the table wrong (exit 7). */
    public boolean wrong() {
        return wrong;
    }

    /** {@code diverged}: as counts, reports and the catalog name it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
