package dev.reproject.core.item;

import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.view.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory interpreter of {@link Update}s: applies one to an item exactly as DynamoDB applies
 * {@code UpdateItem(Key, UpdateExpression = the actions + SET #m = :eventId,
 * ConditionExpression = attribute_not_exists(#m) OR #m < :eventId)} (CONTRACT.md §4), in DynamoDB's order:
 * <ol>
 *   <li>the request itself is checked ({@link UpdateValidator}): an invalid one is refused whatever the item;</li>
 *   <li>the condition: when it is false the update is a {@link FoldResult.Duplicate};</li>
 *   <li>the actions are applied to the item as it was ({@link ActionApplier}); a type mismatch against the
 *       item is refused;</li>
 *   <li>the new item must fit DynamoDB's 400 KB ({@link ItemSize}).</li>
 * </ol>
 * A refused update changes nothing: {@link FoldResult.Rejected} with {@code invalid-update} or
 * {@code item-too-large}.
 */
public final class UpdateFold {

    private final TableSchema table;
    private final UpdateValidator validator;

    public UpdateFold(TableSchema table) {
        this.table = Objects.requireNonNull(table, "table");
        this.validator = new UpdateValidator(table);
    }

    /**
     * The refusal DynamoDB gives the request itself, whatever the item holds ({@code invalid-update}): the first
     * check of {@link #apply}. A path that sends updates to DynamoDB checks them with it before sending.
     *
     * @return why DynamoDB would refuse it, or empty
     */
    public Optional<String> requestRefusal(Update update) {
        try {
            validator.validate(Objects.requireNonNull(update, "update"));
            return Optional.empty();
        } catch (InvalidUpdateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * @param current the item as it is ({@link Item#EMPTY} when there is none)
     * @throws IllegalArgumentException when {@code current} is an item of another key than the update's
     */
    public FoldResult apply(Item current, Update update) {
        return apply(current, CombinedUpdate.of(Objects.requireNonNull(update, "update")));
    }

    /**
     * {@link #apply(Item, Update)} for a combined write ({@link UpdateCombiner}): its condition compares the marker
     * with the first event ID, and the last one is written.
     *
     * @param current the item as it is ({@link Item#EMPTY} when there is none)
     * @throws IllegalArgumentException when {@code current} is an item of another key than the update's
     */
    public FoldResult apply(Item current, CombinedUpdate write) {
        Objects.requireNonNull(current, "current");
        Update update = Objects.requireNonNull(write, "write").update();
        try {
            validator.validate(update);
        } catch (InvalidUpdateException e) {
            return new FoldResult.Rejected(RejectReason.INVALID_UPDATE, e.getMessage());
        }
        requireSameKey(current, update);
        if (!write.admits(current)) {
            return new FoldResult.Duplicate();
        }
        Item next;
        try {
            next = ActionApplier.apply(current, update);
        } catch (InvalidUpdateException e) {
            return new FoldResult.Rejected(RejectReason.INVALID_UPDATE, e.getMessage());
        }
        long size = ItemSize.of(next);
        if (size > ItemSize.MAX_BYTES) {
            return new FoldResult.Rejected(RejectReason.ITEM_TOO_LARGE, "Item size to update has exceeded the maximum "
                    + "allowed size: " + size + " bytes > " + ItemSize.MAX_BYTES + " bytes");
        }
        return new FoldResult.Applied(next);
    }

    /**
     * Whether a combined write that applied on {@code before} left what its parts written one by one would have. The
     * combination's algebra ({@link UpdateCombiner}) makes the items equal whenever every part applies in turn; the
     * one case where a part is refused is the item's size, which a combined write checks only after its last part:
     * an item too large after an earlier part and smaller again after a later one.
     *
     * @param before the item the combined write applied on ({@link Item#EMPTY} when there was none)
     * @return empty when every part applies in turn; else the one-by-one item and each part's result
     */
    public Optional<OneByOne> oneByOne(Item before, CombinedUpdate write) {
        Item item = before;
        List<FoldResult> results = new ArrayList<>(write.events());
        boolean refused = false;
        for (Update part : write.parts()) {
            FoldResult result = apply(item, part);
            results.add(result);
            if (result instanceof FoldResult.Applied applied) {
                item = applied.item();
            } else {
                refused = true;
            }
        }
        return refused ? Optional.of(new OneByOne(item, results)) : Optional.empty();
    }

    private void requireSameKey(Item current, Update update) {
        if (current.isEmpty()) {
            return;
        }
        for (Map.Entry<String, AttrValue> key : update.key().entrySet()) {
            if (!key.getValue().equals(current.attributes().get(key.getKey()))) {
                throw new IllegalArgumentException("the item " + keyOf(current) + " is not the item the update is for: "
                        + update.key() + "; fold each key's updates onto that key's item");
            }
        }
    }

    private String keyOf(Item item) {
        Map<String, AttrValue> key = new TreeMap<>();
        for (String name : table.keyAttributes()) {
            item.get(name).ifPresent(value -> key.put(name, value));
        }
        return key.toString();
    }
}
