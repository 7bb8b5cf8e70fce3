package dev.reproject.core.lease;

/**
 * The names of the two kinds of lease. A {@code /} can appear in neither a DynamoDB table name nor a rebuild id, so
 * a lease name is never mistaken for either.
 */
public final class LeaseNames {

    private LeaseNames() {
    }

    /** The lease of a view's table: held by a rebuild while it loads it and by a live updater while it runs. */
    public static String table(String table) {
        return "table/" + table;
    }

    /**
     * The lease of a view's snapshot lineage under one snapshot store root: held by a snapshot run. Trailing
     * slashes of the root do not count ({@code file:/s/} and {@code file:/s} are one store).
     */
    public static String snapshots(String view, String storeRoot) {
        return "snapshots/" + view + "@" + storeRoot.replaceAll("/+$", "");
    }
}
