package dev.reproject.core.item;

import java.util.List;
import java.util.Objects;

/**
 * What writing a combined write's parts one by one leaves, where that differs from the combined write
 * ({@link UpdateFold#oneByOne}).
 *
 * @param item    the item after the parts one by one ({@link Item#EMPTY} when none applied to a missing item)
 * @param results each part's result, in order: applied or rejected
 */
public record OneByOne(Item item, List<FoldResult> results) {

    public OneByOne {
        Objects.requireNonNull(item, "item");
        results = List.copyOf(results);
    }
}
