package dev.reproject.core.event;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One decoded Eventuate Tram domain event.
 *
 * @param id            the message {@code ID} header; decides duplicates per aggregate
 * @param type          the {@code event-type} header (a class name)
 * @param aggregateType the {@code event-aggregate-type} header
 * @param aggregateId   the {@code event-aggregate-id} header
 * @param eventTime     from {@code DATE}, else from the time part of the ID
 * @param payload       the payload: the text of a JSON object
 * @param source        topic, partition and offset of the record
 */
public record DomainEvent(String id,
                          String type,
                          String aggregateType,
                          String aggregateId,
                          Instant eventTime,
                          String payload,
                          SourcePosition source) implements Serializable {

    public DomainEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(source, "source");
    }
}
