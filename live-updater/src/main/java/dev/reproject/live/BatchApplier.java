package dev.reproject.live;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.UpdateCombiner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes polls' updates: each key's in the order given (offset order), different keys concurrently, with at most
 * {@code maxInFlight} requests at a time. A poll's writes are {@link #submit submitted} while the previous poll's
 * may still run: a key's first write of the new poll starts only once its last write of the previous one ended, so
 * the writers stay busy across polls and each key's updates stay in order. {@link Submitted#await} returns only when
 * every write of the poll has ended; the first error that retries did not cure is thrown after the others have
 * ended, so that no write of it is still running when the caller decides what to commit.
 *
 * <p>A key's consecutive updates of one aggregate are combined into one write where the update algebra allows
 * ({@link UpdateCombiner}). When that write's condition fails (some of them were applied already) or DynamoDB refuses
 * it, nothing was written, and they are written one by one as they would have been without combining: every counter
 * comes out as it would have — a combined write of k updates is k applied, a duplicate among them a duplicate.
 */
final class BatchApplier implements AutoCloseable {

    /** How the batch's writes ended. */
    record Result(long applied, long duplicates, List<Refusal> refused) {

        static final Result NONE = new Result(0, 0, List.of());

        Result plus(Result other) {
            List<Refusal> all = new ArrayList<>(refused);
            all.addAll(other.refused);
            return new Result(applied + other.applied, duplicates + other.duplicates, all);
        }
    }

    record Refusal(Pending pending, WriteResult.Refused refused) {
    }

    /**
     * Writes made: one per request, combined or not; the combined ones that had to be made again one by one; and
     * those that applied where one by one would have refused an update, so the item was written again as one by one
     * leaves it ({@link WriteResult.Corrected}).
     */
    record Writes(long single, long combined, long combinedEvents, long fallbacks, long corrections) {
    }

    /** One poll's writes, running or ended. */
    static final class Submitted {

        private final List<CompletableFuture<Result>> futures;
        private final Map<SortedMap<String, AttrValue>, CompletableFuture<Result>> lastByKey;

        private Submitted(List<CompletableFuture<Result>> futures,
                          Map<SortedMap<String, AttrValue>, CompletableFuture<Result>> lastByKey) {
            this.futures = futures;
            this.lastByKey = lastByKey;
        }

        /** Waits for every write of the poll to end; then throws the first failure, if any. */
        Result await() throws InterruptedException {
            Result total = Result.NONE;
            RuntimeException failure = null;
            for (CompletableFuture<Result> future : futures) {
                try {
                    total = total.plus(future.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        Throwable cause = e.getCause() instanceof CompletionException wrapped
                                && wrapped.getCause() != null
                                        ? wrapped.getCause() : e.getCause();
                        failure = cause instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException("a write failed", cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return total;
        }

        /** Waits for every write of the poll to end, whatever their outcome: after a failure elsewhere. */
        void awaitEnd() throws InterruptedException {
            for (CompletableFuture<Result> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    // ended: its failure, if it is the run's, was thrown already
                }
            }
        }
    }

    private final ItemUpdater updater;
    private final ExecutorService pool;
    private final AtomicLong single = new AtomicLong();
    private final AtomicLong combined = new AtomicLong();
    private final AtomicLong combinedEvents = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong corrections = new AtomicLong();

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

    /** Writes one batch and waits for its end. */
    Result apply(List<Pending> batch) throws InterruptedException {
        return submit(batch, Optional.empty()).await();
    }

    /**
     * Starts writing a batch.
     *
     * @param after the previous batch, whose writes may still run: a key's writes here start after its writes there
     */
    Submitted submit(List<Pending> batch, Optional<Submitted> after) {
        Map<SortedMap<String, AttrValue>, List<Pending>> byKey = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byKey.computeIfAbsent(pending.update().key(), k -> new ArrayList<>()).add(pending);
        }
        List<CompletableFuture<Result>> futures = new ArrayList<>(byKey.size());
        Map<SortedMap<String, AttrValue>, CompletableFuture<Result>> lastByKey = new LinkedHashMap<>();
        for (Map.Entry<SortedMap<String, AttrValue>, List<Pending>> key : byKey.entrySet()) {
            List<Pending> sequence = key.getValue();
            CompletableFuture<Result> earlier = after.map(a -> a.lastByKey.get(key.getKey())).orElse(null);
            CompletableFuture<Result> future = earlier == null
                    ? CompletableFuture.supplyAsync(() -> applyInOrder(sequence), pool)
                    : earlier.thenApplyAsync(ignored -> applyInOrder(sequence), pool); // not at all if it failed
            futures.add(future);
            lastByKey.put(key.getKey(), future);
        }
        return new Submitted(futures, lastByKey);
    }

    /** Writes made so far. */
    Writes writes() {
        return new Writes(single.get(), combined.get(), combinedEvents.get(), fallbacks.get(), corrections.get());
    }

    private Result applyInOrder(List<Pending> sequence) {
        try {
            Result result = Result.NONE;
            int start = 0;
            while (start < sequence.size()) {
                CombinedUpdate write = CombinedUpdate.of(sequence.get(start).update());
                int end = start + 1;
                while (end < sequence.size()) {
                    Optional<CombinedUpdate> longer = UpdateCombiner.then(write, sequence.get(end).update());
                    if (longer.isEmpty()) {
                        break;
                    }
                    write = longer.get();
                    end++;
                }
                result = result.plus(write.events() == 1 ? applyOne(sequence.get(start))
                        : applyCombined(write, sequence.subList(start, end)));
                start = end;
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private Result applyCombined(CombinedUpdate write, List<Pending> group) throws InterruptedException {
        combined.incrementAndGet();
        WriteResult written = updater.apply(write);
        if (written instanceof WriteResult.Applied) {
            combinedEvents.addAndGet(group.size());
            return new Result(group.size(), 0, List.of());
        }
        Result result = Result.NONE;
        if (written instanceof WriteResult.Corrected corrected) {
            corrections.incrementAndGet(); // written as one by one leaves the item: each update has its own result
            for (int i = 0; i < group.size(); i++) {
                result = result.plus(resultOf(group.get(i), corrected.parts().get(i)));
            }
            combinedEvents.addAndGet(result.applied());
            return result;
        }
        fallbacks.incrementAndGet(); // a duplicate among them, or refused: nothing was written
        for (Pending pending : group) {
            result = result.plus(applyOne(pending));
        }
        return result;
    }

    private Result applyOne(Pending pending) throws InterruptedException {
        single.incrementAndGet();
        return resultOf(pending, updater.apply(pending.update()));
    }

    private static Result resultOf(Pending pending, WriteResult result) {
        if (result instanceof WriteResult.Applied) {
            return new Result(1, 0, List.of());
        }
        if (result instanceof WriteResult.Duplicate) {
            return new Result(0, 1, List.of());
        }
        return new Result(0, 0, List.of(new Refusal(pending, (WriteResult.Refused) result)));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
