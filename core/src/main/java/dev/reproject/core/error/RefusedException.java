package dev.reproject.core.error;

/**
 * A lifecycle command refused what it was asked because of what the catalog says: the table serves its view, or a
 * snapshot is one a table was built from. Nothing was changed. Exit status 8.
 */
public class RefusedException extends RuntimeException {

    public RefusedException(String message) {
        super(message);
    }
}
