package dev.reproject.core.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.reject.RejectReason;

/** What one archived line decodes to: an event, or a reason it cannot be used. */
public sealed interface DecodeResult {

    /**
     * @param payload the event's payload parsed by {@link PayloadJson} (a JSON object; floats as
     *                {@link java.math.BigDecimal}, never rounded), for
     *                {@link dev.reproject.core.view.ViewDefinition#update(DomainEvent, JsonNode)}; shared: not to be
     *                changed. Null in the rare case that only a parse with doubles reads it (a number beyond
     *                BigDecimal's range): the view then reads {@code event.payload()} itself.
     */
    record Decoded(DomainEvent event, JsonNode payload) implements DecodeResult {

        /** The event with its payload parsed here. */
        public Decoded(DomainEvent event) {
            this(event, PayloadJson.readOrNull(event.payload()));
        }
    }

    record Rejected(RejectReason reason, String detail) implements DecodeResult {
    }
}
