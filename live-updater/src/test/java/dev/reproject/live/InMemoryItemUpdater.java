package dev.reproject.live;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.OneByOne;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.core.view.TableSchema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** A table in memory, written through the fold's interpreter (the in-memory port of the unit tests). */
final class InMemoryItemUpdater implements ItemUpdater {

    private final UpdateFold fold;
    private final Map<SortedMap<String, AttrValue>, Item> items = new HashMap<>();
    private final List<CombinedUpdate> calls = new ArrayList<>();
    private final Deque<RuntimeException> failNext = new ArrayDeque<>();

    InMemoryItemUpdater(TableSchema schema) {
        this.fold = new UpdateFold(schema);
    }

    @Override
    public synchronized WriteResult apply(CombinedUpdate write) {
        calls.add(write);
        RuntimeException failure = failNext.poll();
        if (failure != null) {
            throw failure;
        }
        Item before = items.getOrDefault(write.update().key(), Item.EMPTY);
        FoldResult result = fold.apply(before, write);
        if (result instanceof FoldResult.Applied applied) {
            Optional<OneByOne> oneByOne = fold.oneByOne(before, write); // as DynamoItemUpdater does
            items.put(write.update().key(), oneByOne.map(OneByOne::item).orElse(applied.item()));
            return oneByOne.<WriteResult>map(WriteResult.Corrected::of).orElse(WriteResult.APPLIED);
        }
        if (result instanceof FoldResult.Duplicate) {
            return WriteResult.DUPLICATE;
        }
        FoldResult.Rejected rejected = (FoldResult.Rejected) result;
        return new WriteResult.Refused(rejected.reason(), rejected.detail());
    }

    synchronized void failNextWith(RuntimeException failure) {
        failNext.add(failure);
    }

    /** The next {@code times} calls throw {@code failure}. */
    synchronized void failNextWith(RuntimeException failure, int times) {
        for (int i = 0; i < times; i++) {
            failNext.add(failure);
        }
    }

    synchronized Map<SortedMap<String, AttrValue>, Item> items() {
        return Map.copyOf(items);
    }

    /** Writes made, combined or not. */
    synchronized int calls() {
        return calls.size();
    }

    /** Every write made, in the order made. */
    synchronized List<CombinedUpdate> writes() {
        return List.copyOf(calls);
    }
}
