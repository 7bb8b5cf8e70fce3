package dev.reproject.live;

import dev.reproject.core.reject.RejectReason;

import java.util.Objects;

/** What became of one conditional update. */
public sealed interface WriteResult {

    /** The item now reflects the event. */
    record Applied() implements WriteResult {
    }

    /** The marker condition failed: this event, or a later one of its aggregate, was applied already. */
    record Duplicate() implements WriteResult {
    }

    /** DynamoDB refused the update itself ({@code invalid-update}, {@code item-too-large}): a dead letter. */
    record Refused(RejectReason reason, String detail) implements WriteResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    WriteResult APPLIED = new Applied();
    WriteResult DUPLICATE = new Duplicate();
}
