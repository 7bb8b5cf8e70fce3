package dev.reproject.cli.api;

/** The exit statuses of every reproject command (CONTRACT.md §7). */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** bad arguments */
    public static final int USAGE = 2;
    /** finished, output committed, but more records were rejected than {@code --max-rejected} allows */
    public static final int TOO_MANY_REJECTED = 3;
    /** an unknown order, snapshot, table, view */
    public static final int NOT_FOUND = 4;
    /** another run holds the table's or the view's snapshots' lease, or took this run's over: nothing committed */
    public static final int BUSY = 5;
    /** {@code status --max-lag}: a live updater lags by more than the limit */
    public static final int LAGGING = 6;
    /** {@code verify}: the table diverged from the recomputation, is behind it, or misses or has extra items */
    public static final int DIFFERENCES = 7;
    /** {@code promote}, {@code retire}, {@code prune}: refused, because of what the catalog says (named on stderr) */
    public static final int REFUSED = 8;

    private ExitCodes() {
    }

    /** A few words on what a status means, for messages. */
    public static String meaning(int status) {
        return switch (status) {
            case OK -> "ok";
            case FAILURE -> "failure";
            case USAGE -> "bad arguments";
            case TOO_MANY_REJECTED -> "too many rejected records";
            case NOT_FOUND -> "not found";
            case BUSY -> "busy";
            case LAGGING -> "lagging";
            case DIFFERENCES -> "differences found";
            case REFUSED -> "refused";
            default -> "status " + status;
        };
    }
}
