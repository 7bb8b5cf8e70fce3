package dev.reproject.live;

import dev.reproject.core.item.AttrValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes one poll's updates: each key's in the order given (offset order), different keys concurrently, with at
 * most {@code maxInFlight} requests at a time. Returns only when every write has ended; the first error that
 * retries did not cure is thrown after the others have ended, so that no write is still running when the
 * caller decides what to commit.
 */
final class BatchApplier implements AutoCloseable {

    /** How the batch's writes ended. */
    record Result(long applied, long duplicates, List<Refusal> refused) {
    }

    record Refusal(Pending pending, WriteResult.Refused refused) {
    }

    private final ItemUpdater updater;
    private final ExecutorService pool;

    BatchApplier(ItemUpdater updater, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one request in flight, was " + maxInFlight);
        }
        this.updater = updater;
        this.pool = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "reproject-live-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    Result apply(List<Pending> batch) throws InterruptedException {
        Map<SortedMap<String, AttrValue>, List<Pending>> byKey = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byKey.computeIfAbsent(pending.update().key(), k -> new ArrayList<>()).add(pending);
        }
        List<Future<Result>> futures = new ArrayList<>(byKey.size());
        for (List<Pending> sequence : byKey.values()) {
            futures.add(pool.submit(() -> applyInOrder(sequence)));
        }
        long applied = 0;
        long duplicates = 0;
        List<Refusal> refused = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<Result> future : futures) {
            try {
                Result result = future.get();
                applied += result.applied();
                duplicates += result.duplicates();
                refused.addAll(result.refused());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("a write failed", e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new Result(applied, duplicates, refused);
    }

    private Result applyInOrder(List<Pending> sequence) throws InterruptedException {
        long applied = 0;
        long duplicates = 0;
        List<Refusal> refused = new ArrayList<>();
        for (Pending pending : sequence) {
            WriteResult result = updater.apply(pending.update());
            if (result instanceof WriteResult.Applied) {
                applied++;
            } else if (result instanceof WriteResult.Duplicate) {
                duplicates++;
            } else {
                refused.add(new Refusal(pending, (WriteResult.Refused) result));
            }
        }
        return new Result(applied, duplicates, refused);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
