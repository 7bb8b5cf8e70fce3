package dev.reproject.aws.dynamodb.write;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One stream of inputs written by several writers at once, each on a thread of its own (one Spark task's share of
 * a load: a task reads its rows on its own thread, the writers send while it reads). An input goes to the writer
 * its {@code route} names (modulo the number of writers), so inputs routed alike — a key's items — keep their order.
 * Each writer is a {@link BulkWriter} or anything else that writes an iterator and sums up what it did.
 *
 * <p>The first writer to fail stops the reading; the others finish what they were given and the failure is
 * thrown (a {@link RuntimeException} as it was). Items written before stay written: puts are idempotent.
 */
public final class ConcurrentWrites {

    /** Inputs handed over to a writer at a time: one queue operation per chunk, not per input. */
    private static final int CHUNK = 100;
    /** Chunks a writer's queue holds: the reader stays a little ahead of the writers, no more. */
    private static final int QUEUED_CHUNKS = 4;

    private ConcurrentWrites() {
    }

    /**
     * The writer of {@code writers} that takes an input routed to {@code route} (a dry run shares inputs out the same
     * way).
     */
    public static int writerOf(int route, int writers) {
        return Math.floorMod(route, writers);
    }

    /**
     * Writes every input with {@code writers.size()} writers at once; with one writer, on the calling thread.
     *
     * @param route   which writer takes an input (any int: taken modulo the writers, sign ignored)
     * @param writers one function per writer: writes the inputs it is given, in order, and says what it did
     * @return the writers' summaries added up
     */
    public static <T> WriteSummary write(Iterator<T> inputs, ToIntFunction<T> route,
                                         List<Function<Iterator<T>, WriteSummary>> writers) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(route, "route");
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("at least one writer is needed");
        }
        if (writers.size() == 1) {
            return writers.get(0).apply(inputs);
        }
        int n = writers.size();
        List<BlockingQueue<List<T>>> queues = new ArrayList<>(n);
        List<Future<WriteSummary>> results = new ArrayList<>(n);
        AtomicInteger named = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(n, runnable -> {
            Thread thread = new Thread(runnable, "reproject-writer-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Function<Iterator<T>, WriteSummary> writer : writers) {
                BlockingQueue<List<T>> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
                queues.add(queue);
                results.add(threads.submit(() -> writer.apply(new Drain<>(queue))));
            }
            List<List<T>> chunks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                chunks.add(new ArrayList<>(CHUNK));
            }
            boolean stopped = false;
            while (!stopped && inputs.hasNext()) {
                T input = inputs.next();
                int w = writerOf(route.applyAsInt(input), n);
                List<T> chunk = chunks.get(w);
                chunk.add(input);
                if (chunk.size() == CHUNK) {
                    stopped = !handOver(queues.get(w), chunk, results); // a writer failed: read no further
                    chunks.set(w, new ArrayList<>(CHUNK));
                }
            }
            for (int w = 0; w < n && !stopped; w++) {
                stopped = !chunks.get(w).isEmpty() && !handOver(queues.get(w), chunks.get(w), results);
            }
            for (int w = 0; w < n; w++) {
                stopped |= !end(queues.get(w), results.get(w), results);
            }
            WriteSummary total = sum(results);
            stopped |= queues.stream().anyMatch(queue -> !queue.isEmpty()); // a writer left inputs (or the end)
            if (stopped) { // no writer failed, yet one ended while it was still given inputs: they were not written
                throw new IllegalStateException("a writer ended before its inputs did; the inputs after it were "
                        + "not written");
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
            throw new IllegalStateException("interrupted while writing", e);
        } catch (RuntimeException e) { // reading the inputs failed: stop the writers waiting for more
            threads.shutdownNow();
            throw e;
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Puts {@code chunk} on a writer's queue, waiting while it is full; false, without putting it, once any writer
     * has ended: none is told its inputs are over yet, so it failed, or quit early.
     */
    private static <T> boolean handOver(BlockingQueue<List<T>> queue, List<T> chunk,
                                        List<Future<WriteSummary>> results)
            throws InterruptedException {
        do {
            if (results.stream().anyMatch(Future::isDone)) {
                return false;
            }
        } while (!queue.offer(chunk, 50, TimeUnit.MILLISECONDS));
        return true;
    }

    /**
     * Tells a writer its inputs are over. Once another writer has failed, what is still queued for it is dropped
     * (the load fails anyway), so that it stops after the batch it is sending; a writer that ended already is left
     * alone. Writers that ended well (they were told before) drop nothing. False if the writer ended untold.
     */
    private static <T> boolean end(BlockingQueue<List<T>> queue, Future<WriteSummary> writer,
                                   List<Future<WriteSummary>> results)
            throws InterruptedException {
        while (!queue.offer(List.of(), 50, TimeUnit.MILLISECONDS)) {
            if (writer.isDone()) {
                return false; // ended untold
            }
            if (results.stream().anyMatch(ConcurrentWrites::failed)) {
                queue.clear();
            }
        }
        return true;
    }

    /** Whether a writer ended with an exception. */
    private static boolean failed(Future<WriteSummary> writer) {
        if (!writer.isDone()) {
            return false;
        }
        try {
            writer.get();
            return false;
        } catch (ExecutionException | CancellationException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Every writer's summary once all have ended, or the first failure. */
    private static WriteSummary sum(List<Future<WriteSummary>> results) throws InterruptedException {
        WriteSummary total = WriteSummary.EMPTY;
        RuntimeException failure = null;
        for (Future<WriteSummary> result : results) {
            try {
                total = total.plus(result.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause().getMessage(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    /** A writer's inputs: the chunks of its queue until the empty one. */
    private static final class Drain<T> implements Iterator<T> {
        private final BlockingQueue<List<T>> queue;
        private Iterator<T> chunk = List.<T>of().iterator();
        private boolean ended;

        Drain(BlockingQueue<List<T>> queue) {
            this.queue = queue;
        }

        @Override
        public boolean hasNext() {
            while (!chunk.hasNext() && !ended) {
                List<T> next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for items to write", e);
                }
                ended = next.isEmpty();
                chunk = next.iterator();
            }
            return chunk.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return chunk.next();
        }
    }
}
