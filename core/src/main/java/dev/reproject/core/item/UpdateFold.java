package dev.reproject.core.item;

import dev.reproject.core.view.TableSchema;

/**
 * The in-memory interpreter of {@link Update}s: applies one to an item exactly as a conditional
 * {@code UpdateItem} on DynamoDB would (SPEC §4).
 */
public final class UpdateFold {

    private final TableSchema table;

    public UpdateFold(TableSchema table) {
        this.table = table;
    }

    /**
     * @param current the item as it is ({@link Item#EMPTY} when there is none)
     */
    public FoldResult apply(Item current, Update update) {
        throw new UnsupportedOperationException("not yet");
    }
}
