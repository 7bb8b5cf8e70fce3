package dev.reproject.core.item;

import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;

/**
 * DynamoDB's write units for putting one item, by its documented rules: a standard write takes one unit per
 * started kilobyte of the item ({@link ItemSize}), in the table and again in every global secondary index the item
 * appears in (it has the index's key attributes; our indexes project ALL, so the index entry is the whole item).
 * On-demand tables are billed these as write request units; {@code BatchWriteItem} puts cost the same as single
 * puts.
 */
public final class WriteUnits {

    /** One write unit covers up to 1 KB. */
    public static final long UNIT_BYTES = 1024;

    private WriteUnits() {
    }

    /** The units of writing {@code sizeBytes} once: at least one, one more per started kilobyte. */
    public static long of(long sizeBytes) {
        return Math.max(1, (sizeBytes + UNIT_BYTES - 1) / UNIT_BYTES);
    }

    /** The units one put of {@code item} takes in the table itself. */
    public static long inTable(Item item) {
        return of(ItemSize.of(item));
    }

    /** The units one put of {@code item} takes in the table's global indexes, 0 when it is in none. */
    public static long inIndexes(Item item, TableSchema schema) {
        long units = 0;
        for (GlobalIndex index : schema.indexes()) {
            boolean indexed = item.get(index.hashKey().name()).isPresent()
                    && index.rangeKey().map(k -> item.get(k.name()).isPresent()).orElse(true);
            if (indexed) {
                units += inTable(item);
            }
        }
        return units;
    }
}
