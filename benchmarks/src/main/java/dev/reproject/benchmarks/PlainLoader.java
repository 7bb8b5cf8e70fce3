package dev.reproject.benchmarks;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.rebuild.DynamoTarget;
import dev.reproject.rebuild.WriterTasks;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline of the rebuild benchmark: snapshot rows (key, item as DynamoDB JSON) put into a table by the
 * simplest loader there is — per Spark task, {@code threads} senders each in a loop of {@code BatchWriteItem} calls
 * of 25 (unprocessed items sent again after a short pause), fed batches by the task's thread as it reads them; the
 * rows split into tasks as the rebuild splits them ({@link WriterTasks}: no shuffle when there are enough). No
 * size checks, no rate limit, no error classification. Concurrent writers in all: tasks × threads.
 */
final class PlainLoader implements FlatMapFunction<Iterator<Row>, Long> {

    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 10;

    private final DynamoTarget target;
    private final int threads;

    private PlainLoader(DynamoTarget target, int threads) {
        this.target = target;
        this.threads = threads;
    }

    /**
     * Loads every row of {@code rows} into the target's table in {@code tasks} tasks of {@code threads} senders
     * each; returns items written.
     */
    static long load(Dataset<Row> rows, int tasks, int threads, DynamoTarget target) {
        return WriterTasks.split(rows, tasks).mapPartitions(new PlainLoader(target, threads)).collect().stream()
                .mapToLong(Long::longValue).sum();
    }

    @Override
    public Iterator<Long> call(Iterator<Row> rows) throws Exception {
        try (DynamoDbClient client = target.writerClient()) {
            if (threads == 1) { // the task's own thread reads and sends
                long written = 0;
                for (Iterator<List<WriteRequest>> batches = batches(rows); batches.hasNext();) {
                    written += send(client, batches.next());
                }
                return List.of(written).iterator();
            }
            BlockingQueue<List<WriteRequest>> queue = new ArrayBlockingQueue<>(threads * 2);
            ExecutorService senders = Executors.newFixedThreadPool(threads, // named as the rebuild's: DynamoCalls
                    runnable -> new Thread(runnable, "reproject-writer-plain")); // counts them as writers
            try {
                List<Future<Long>> sent = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    sent.add(senders.submit(() -> {
                        long written = 0;
                        for (List<WriteRequest> batch = queue.take(); !batch.isEmpty(); batch = queue.take()) {
                            written += send(client, batch);
                        }
                        return written;
                    }));
                }
                for (Iterator<List<WriteRequest>> batches = batches(rows); batches.hasNext();) {
                    queue.put(batches.next());
                }
                for (int i = 0; i < threads; i++) {
                    queue.put(List.of()); // the end
                }
                long written = 0;
                for (Future<Long> f : sent) {
                    written += f.get();
                }
                return List.of(written).iterator();
            } finally {
                senders.shutdownNow();
            }
        }
    }

    /** The rows' items in batches of 25 puts. */
    private static Iterator<List<WriteRequest>> batches(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public List<WriteRequest> next() {
                List<WriteRequest> batch = new ArrayList<>(BATCH);
                while (rows.hasNext() && batch.size() < BATCH) {
                    String item = rows.next().getAs("item");
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(AttributeValues.toSdk(DynamoJson.readItem(item))).build()).build());
                }
                return batch;
            }
        };
    }

    private long send(DynamoDbClient client, List<WriteRequest> batch) throws InterruptedException {
        List<WriteRequest> pending = batch;
        for (int attempt = 1;; attempt++) {
            List<WriteRequest> unprocessed = client.batchWriteItem(BatchWriteItemRequest.builder()
                    .requestItems(Map.of(target.table(), pending)).build())
                    .unprocessedItems().getOrDefault(target.table(), List.of());
            if (unprocessed.isEmpty()) {
                return batch.size();
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException(unprocessed.size() + " items still unprocessed after " + attempt
                        + " BatchWriteItem calls to " + target.table());
            }
            Thread.sleep(50L * attempt);
            pending = unprocessed;
        }
    }
}
