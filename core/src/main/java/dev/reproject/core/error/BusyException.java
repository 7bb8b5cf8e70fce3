package dev.reproject.core.error;

/**
 * Another run holds what this one needs: the lease of a table or of a view's snapshots was taken by someone else,
 * or this run's own lease was taken over after it expired. Nothing of this run was committed. Exit status 5.
 */
public class BusyException extends RuntimeException {

    public BusyException(String message) {
        super(message);
    }
}
