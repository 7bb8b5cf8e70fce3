package dev.reproject.live;

import dev.reproject.core.item.Update;
import dev.reproject.core.reject.RejectReason;

import java.util.Objects;

/** What one Kafka record means to the view. */
public sealed interface Classified {

    /** An event the view handles: its update, to be written. */
    record ToApply(Update update) implements Classified {
        public ToApply {
            Objects.requireNonNull(update, "update");
        }
    }

    /** An event type the view does not handle: counted, nothing written. */
    record Skipped(String eventType) implements Classified {
    }

    /** A record that cannot be used: a dead letter with its reason. */
    record Rejected(RejectReason reason, String detail) implements Classified {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
