package dev.reproject.cli.api;

/**
 * A job's main class failing where it must not exit the JVM (spark-submit's cluster deploy mode): its message
 * names the command, the exit status the command line would have ended with, and the reason it printed, so the
 * cluster marks the application failed with our reason in its log.
 */
public final class JobFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public JobFailedException(String command, int status, String reason) {
        super("reproject " + command + " failed with exit status " + status + " (" + ExitCodes.meaning(status) + ")"
                + (reason.isBlank() ? "" : ": " + reason));
        this.status = status;
    }

    /** The exit status the same run ends with in client mode or under {@code reproject}. */
    public int status() {
        return status;
    }
}
