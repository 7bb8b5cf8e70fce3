package dev.reproject.benchmarks;

import org.apache.spark.TaskContext;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every DynamoDB call of this JVM by table and operation, apart for Spark tasks (the item load) and the
 * driver (table checks, the catalog). A global SDK interceptor (listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} of the benchmark jar), so it sees the
 * clients the job builds itself, wrapped or not, without changing them; the counts live in static fields, so they
 * see the tasks only in Spark's local mode. SDK-level retries of a call are counted as attempts, not calls. The
 * other benchmarks share the jar, so it counts nothing until {@link #enable()}.
 */
public final class DynamoCalls implements ExecutionInterceptor {

    /** Operations that read items. */
    static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "ExecuteStatement",
            "BatchExecuteStatement", "TransactGetItems");

    private static final ConcurrentMap<String, Tally> TALLIES = new ConcurrentHashMap<>();
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("reproject.bench.started");
    private static volatile boolean enabled;

    /** From now on, count in this JVM. */
    static void enable() {
        enabled = true;
    }

    /** The tally of {@code table}, emptied. */
    static Tally reset(String table) {
        Tally fresh = new Tally();
        TALLIES.put(table, fresh);
        return fresh;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!enabled) {
            return;
        }
        attributes.putAttribute(STARTED, System.nanoTime());
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Integer writer = writer();
        boolean inTask = writer != null;
        SdkRequest request = context.request();
        if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().forEach((table, writes) -> tally(table).writing(inTask, puts(writes)));
            if (writer != null) {
                batch.requestItems().forEach((table, writes) -> tally(table).taskWriting(writer, puts(writes)));
            }
        } else if (request instanceof BatchGetItemRequest batch) {
            batch.requestItems().keySet().forEach(table -> tally(table).called(operation, inTask));
        } else {
            request.getValueForField("TableName", String.class)
                    .ifPresent(table -> tally(table).called(operation, inTask));
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (enabled && context.request() instanceof BatchWriteItemRequest batch) {
            batch.requestItems().keySet().forEach(table -> tally(table).attempts.increment());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (enabled && context.response() instanceof BatchWriteItemResponse response
                && context.request() instanceof BatchWriteItemRequest batch) {
            Integer writer = writer();
            long nanos = System.nanoTime() - attributes.getAttribute(STARTED);
            batch.requestItems().forEach((table, writes) -> tally(table).written(writer == null ? -1 : writer,
                    puts(writes) - puts(response.unprocessedItems().getOrDefault(table, List.of())), nanos));
        }
    }

    /**
     * Who calls, if a writer: a Spark task (its partition) or a writer thread of a task (named {@code
     * reproject-writer…}: 1000 + its thread ID); null on the driver.
     */
    private static Integer writer() {
        TaskContext task = TaskContext.get();
        if (task != null) {
            return task.partitionId();
        }
        Thread thread = Thread.currentThread();
        return thread.getName().startsWith("reproject-writer") ? 1000 + (int) thread.getId() : null;
    }

    private static Tally tally(String table) {
        return TALLIES.computeIfAbsent(table, t -> new Tally());
    }

    private static long puts(List<WriteRequest> writes) {
        return writes.stream().filter(w -> w.putRequest() != null).count();
    }

    /**
     * What was done to one table at one time.
     *
     * @param taskCalls     calls from Spark tasks, by operation
     * @param driverCalls   calls from the driver, by operation
     * @param writeAttempts HTTP requests of BatchWriteItem calls: more than the calls if the SDK retried some
     * @param putsSent      put requests in BatchWriteItem calls, resent unprocessed items included
     * @param itemsWritten  puts DynamoDB accepted: sent minus returned as unprocessed
     */
    record Counts(Map<String, Long> taskCalls, Map<String, Long> driverCalls, long writeAttempts, long putsSent,
                  long itemsWritten) {

        long taskCalls(String operation) {
            return taskCalls.getOrDefault(operation, 0L);
        }

        long taskReads() {
            return READS.stream().mapToLong(this::taskCalls).sum();
        }
    }

    /** What is being done to one table; safe from any thread. */
    static final class Tally {
        private final ConcurrentMap<String, LongAdder> taskCalls = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, LongAdder> driverCalls = new ConcurrentHashMap<>();
        private final LongAdder attempts = new LongAdder();
        private final AtomicLong putsSent = new AtomicLong();
        private final AtomicLong putsAccepted = new AtomicLong();
        private final AtomicLong firstWriteNanos = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong lastWriteNanos = new AtomicLong(Long.MIN_VALUE);
        private final ConcurrentMap<Integer, Writer> writers = new ConcurrentHashMap<>();

        private void called(String operation, boolean inTask) {
            (inTask ? taskCalls : driverCalls).computeIfAbsent(operation, o -> new LongAdder()).increment();
        }

        private void writing(boolean inTask, long puts) {
            called("BatchWriteItem", inTask);
            putsSent.addAndGet(puts);
            firstWriteNanos.accumulateAndGet(System.nanoTime(), Math::min);
        }

        private void taskWriting(int partition, long puts) {
            writers.computeIfAbsent(partition, p -> new Writer()).writing(puts);
        }

        private void written(int partition, long accepted, long callNanos) {
            putsAccepted.addAndGet(accepted);
            long now = System.nanoTime();
            lastWriteNanos.accumulateAndGet(now, Math::max);
            Writer writer = writers.get(partition);
            if (writer != null) {
                writer.last.accumulateAndGet(now, Math::max);
                writer.inCalls.addAndGet(callNanos);
            }
        }

        /**
         * Per writer task (by partition): puts sent, first and last write in seconds after {@code startNanos}, and
         * how much of that the task spent waiting in BatchWriteItem calls (the rest is its own work between calls).
         */
        /** Writers that sent a BatchWriteItem call: tasks, or writer threads of tasks. */
        int writerCount() {
            return writers.size();
        }

        Map<Integer, String> writers(long startNanos) {
            Map<Integer, String> windows = new TreeMap<>();
            writers.forEach((partition, w) -> windows.put(partition, String.format(
                    "%,d puts %.1f–%.1f s, %.1f s in calls", w.puts.get(), (w.first.get() - startNanos) / 1e9,
                    (w.last.get() - startNanos) / 1e9, w.inCalls.get() / 1e9)));
            return windows;
        }

        /** Seconds the writer tasks spent in BatchWriteItem calls, summed over the tasks. */
        double secondsInCalls() {
            return writers.values().stream().mapToLong(w -> w.inCalls.get()).sum() / 1e9;
        }

        /** The counts so far. */
        Counts counts() {
            return new Counts(snapshot(taskCalls), snapshot(driverCalls), attempts.sum(), putsSent.get(),
                    putsAccepted.get());
        }

        /** {@link System#nanoTime()} when the first BatchWriteItem call began. */
        long firstWriteNanos() {
            return firstWriteNanos.get();
        }

        /** {@link System#nanoTime()} when the last BatchWriteItem call returned. */
        long lastWriteNanos() {
            return lastWriteNanos.get();
        }

        /** One writer task's BatchWriteItem calls. */
        private static final class Writer {
            final AtomicLong puts = new AtomicLong();
            final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
            final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
            final AtomicLong inCalls = new AtomicLong();

            void writing(long count) {
                puts.addAndGet(count);
                first.accumulateAndGet(System.nanoTime(), Math::min);
            }
        }

        private static Map<String, Long> snapshot(Map<String, LongAdder> calls) {
            Map<String, Long> copy = new TreeMap<>();
            calls.forEach((operation, count) -> copy.put(operation, count.sum()));
            return copy;
        }
    }
}
