package dev.reproject.core.item;

import java.io.Serializable;
import java.util.Objects;

/**
 * One or more updates of one key, consecutive in offset order and of one aggregate, as one conditional write
 * ({@link UpdateCombiner}): the actions that have the effect of theirs applied one after the other, the last one's
 * marker value written, and the condition taken from the first one,
 * {@code attribute_not_exists(#m) OR #m < :firstEventId}. Their event IDs increase, so the condition holds exactly
 * when every one of them would apply in turn; when it fails, some of them are duplicates and the writer applies them
 * one by one instead. A single update is the case {@code events == 1}, whose condition is its own.
 *
 * @param update       the combined update: the key, the combined actions, the last update's marker
 * @param firstEventId the first update's event ID, which the condition compares the marker with
 * @param events       how many updates it stands for
 */
public record CombinedUpdate(Update update, String firstEventId, int events) implements Serializable {

    public CombinedUpdate {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(firstEventId, "firstEventId");
        if (events < 1) {
            throw new IllegalArgumentException("a combined update stands for at least one update, was " + events);
        }
        if (events == 1 && !firstEventId.equals(update.marker().eventId())) {
            throw new IllegalArgumentException("a single update's condition is its own event ID "
                    + update.marker().eventId() + ", was " + firstEventId);
        }
    }

    /** One update as it is. */
    public static CombinedUpdate of(Update update) {
        return new CombinedUpdate(update, update.marker().eventId(), 1);
    }

    /**
     * Whether the write's condition holds on {@code item}: its marker is missing, or a string that sorts before the
     * first event ID (by UTF-8 bytes, as DynamoDB compares).
     */
    public boolean admits(Item item) {
        AttrValue current = item.attributes().get(update.marker().attribute());
        if (current == null) {
            return true;
        }
        return current instanceof AttrValue.S s && Utf8.compare(s.value(), firstEventId) < 0;
    }
}
