package dev.reproject.core.decode;

import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.reject.RejectReason;

/** What one archived line decodes to: an event, or a reason it cannot be used. */
public sealed interface DecodeResult {

    record Decoded(DomainEvent event) implements DecodeResult {
    }

    record Rejected(RejectReason reason, String detail) implements DecodeResult {
    }
}
