package dev.reproject.live;

import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.Update;

/**
 * Applies view updates to the table as conditional writes guarded by their marker (CONTRACT.md §4): one update, or
 * several consecutive updates of one key combined into one write ({@link CombinedUpdate}). Safe to call from several
 * threads; the caller keeps each key's updates in order.
 */
public interface ItemUpdater {

    /**
     * @return {@link WriteResult#APPLIED} when every update of the write applied; a duplicate when its condition
     *         failed (for a combined write: at least its first update was applied already, nothing was written)
     * @throws InterruptedException while waiting to retry
     * @throws RuntimeException     an error that retries did not cure: the batch fails and nothing is committed
     */
    WriteResult apply(CombinedUpdate write) throws InterruptedException;

    /** One update, as one write. */
    default WriteResult apply(Update update) throws InterruptedException {
        return apply(CombinedUpdate.of(update));
    }
}
