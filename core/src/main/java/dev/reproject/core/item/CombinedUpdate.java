package dev.reproject.core.item;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One or more updates of one key, consecutive in offset order and of one aggregate, as one conditional write
 * ({@link UpdateCombiner}): the actions that have the effect of theirs applied one after the other, the last one's
 * marker value written, and the condition taken from the first one,
 * {@code attribute_not_exists(#m) OR #m < :firstEventId}. Their event IDs increase, so the condition holds exactly
 * when every one of them would apply in turn; when it fails, some of them are duplicates and the writer applies them
 * one by one instead. A single update is the case of one part, whose condition is its own.
 *
 * @param update the combined update: the key, the combined actions, the last update's marker
 * @param parts  the updates it stands for, in order: the first one's event ID is the condition's; after the write,
 *               {@link UpdateFold#oneByOne} tells whether writing them one by one would have refused one of them
 */
public record CombinedUpdate(Update update, List<Update> parts) implements Serializable {

    public CombinedUpdate {
        Objects.requireNonNull(update, "update");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a combined update stands for at least one update");
        }
        if (parts.size() == 1 && !parts.get(0).equals(update)) {
            throw new IllegalArgumentException("a single update stands for itself, was " + parts.get(0));
        }
    }

    /** One update as it is. */
    public static CombinedUpdate of(Update update) {
        return new CombinedUpdate(update, List.of(update));
    }

    /** The first update's event ID, which the condition compares the marker with. */
    public String firstEventId() {
        return parts.get(0).marker().eventId();
    }

    /** How many updates it stands for. */
    public int events() {
        return parts.size();
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
        return current instanceof AttrValue.S s && Utf8.compare(s.value(), firstEventId()) < 0;
    }
}
