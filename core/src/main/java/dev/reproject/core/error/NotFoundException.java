package dev.reproject.core.error;

/** Something the user named does not exist: an order, a snapshot, a table, a view. Exit status 4. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
