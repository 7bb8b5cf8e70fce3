package dev.reproject.live;

import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.OneByOne;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.core.reject.RejectReason;

import java.util.List;
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

    /**
     * A combined write applied, but one of its updates would have been refused written alone (the item too large
     * after it and smaller again after a later one): the item was then written as the updates one by one leave it.
     *
     * @param parts each update's result in order: {@link Applied} or {@link Refused}
     */
    record Corrected(List<WriteResult> parts) implements WriteResult {
        public Corrected {
            parts = List.copyOf(parts);
        }

        /** The results of {@link UpdateFold#oneByOne}, as write results. */
        static Corrected of(OneByOne oneByOne) {
            return new Corrected(oneByOne.results().stream().map(Corrected::of).toList());
        }

        private static WriteResult of(FoldResult result) {
            if (result instanceof FoldResult.Rejected rejected) {
                return new Refused(rejected.reason(), rejected.detail());
            }
            return result instanceof FoldResult.Applied ? APPLIED : DUPLICATE;
        }
    }

    WriteResult APPLIED = new Applied();
    WriteResult DUPLICATE = new Duplicate();
}
