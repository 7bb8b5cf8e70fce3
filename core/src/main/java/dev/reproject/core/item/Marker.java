package dev.reproject.core.item;

import java.io.Serializable;
import java.util.Objects;

/**
 * FTGO's idempotence guard: the attribute {@code events.<aggregateType><aggregateId>} holds the ID of the
 * last event of that aggregate applied to the item; an update applies only if
 * {@code attribute_not_exists(#m) OR #m < :eventId}.
 */
public record Marker(String attribute, String eventId) implements Serializable {

    public static final String PREFIX = "events.";

    public Marker {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(eventId, "eventId");
    }

    public static Marker of(String aggregateType, String aggregateId, String eventId) {
        return new Marker(PREFIX + aggregateType + aggregateId, eventId);
    }

    /**
     * Whether {@code attribute_not_exists(#m) OR #m < :eventId} holds on {@code item}: the marker is missing, or is
     * a string that sorts before this event ID by UTF-8 bytes (as DynamoDB compares strings). A marker of another
     * type compares as false, so the update does not apply.
     */
    public boolean admits(Item item) {
        AttrValue current = item.attributes().get(attribute);
        if (current == null) {
            return true;
        }
        return current instanceof AttrValue.S s && Utf8.compare(s.value(), eventId) < 0;
    }
}
