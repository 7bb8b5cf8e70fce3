package dev.reproject.core.item;

import dev.reproject.core.reject.RejectReason;

/** What applying one update to an item gave. */
public sealed interface FoldResult {

    /** The update applied: the new item (with the key and the new marker value). */
    record Applied(Item item) implements FoldResult {
    }

    /** The marker says this event, or a later one of its aggregate, was applied already: nothing changes. */
    record Duplicate() implements FoldResult {
    }

    /** DynamoDB would refuse the update ({@code invalid-update}) or the item would be too large: nothing changes. */
    record Rejected(RejectReason reason, String detail) implements FoldResult {
    }
}
