package dev.reproject.live;

/**
 * The table's store did not take a write for reasons of its own, not the update's: unreachable (connection refused or
 * reset, timeouts), or throttling and server errors that the writer's own retries did not cure. {@link StoreRetries}
 * tries again for a bounded time.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String store;

    /** @param store names the store and the table, e.g. {@code DynamoDB (http://127.0.0.1:8000, table orders)} */
    public StoreUnavailableException(String store, Throwable cause) {
        super(store + ": " + cause.getMessage(), cause);
        this.store = store;
    }

    public String store() {
        return store;
    }
}
