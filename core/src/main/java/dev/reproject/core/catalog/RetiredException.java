package dev.reproject.core.catalog;

/**
 * The catalog refused to write to a RETIRED entry: {@code reproject retire} deleted (or is deleting) its table and
 * consumer group. A live updater that gets it stops as if asked to, instead of failing: there is nothing left to
 * keep current, and a supervisor that restarts failed runs must not start it again and again.
 */
public class RetiredException extends IllegalStateException {

    private final transient RebuildEntry entry;

    public RetiredException(RebuildEntry entry) {
        super("rebuild " + entry.id() + " was retired (" + entry.updatedAt()
                + "): its table and consumer group were deleted; rebuild the view into a table again");
        this.entry = entry;
    }

    /** The entry as the catalog holds it, RETIRED. */
    public RebuildEntry entry() {
        return entry;
    }
}
