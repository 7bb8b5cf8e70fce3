package dev.reproject.live;

import dev.reproject.core.item.Update;

/**
 * Applies one view update to the table as a conditional write guarded by its marker (CONTRACT.md §4). Safe to call
 * from several threads; the caller keeps each key's updates in order.
 */
public interface ItemUpdater {

    /**
     * @throws InterruptedException while waiting to retry
     * @throws RuntimeException     an error that retries did not cure: the batch fails and nothing is committed
     */
    WriteResult apply(Update update) throws InterruptedException;
}
