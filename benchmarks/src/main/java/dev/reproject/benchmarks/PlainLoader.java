package dev.reproject.benchmarks;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.rebuild.DynamoTarget;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The baseline of the rebuild benchmark: snapshot rows (key, item as DynamoDB JSON) put into a table by the
 * simplest loader there is — per Spark task a loop of {@code BatchWriteItem} calls of 25, unprocessed items sent
 * again after a short pause. No size checks, no rate limit, no error classification.
 */
final class PlainLoader implements MapPartitionsFunction<Row, Long> {

    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 10;

    private final DynamoTarget target;

    private PlainLoader(DynamoTarget target) {
        this.target = target;
    }

    /** Loads every row of {@code rows} into the target's table in {@code writers} tasks; returns items written. */
    static long load(Dataset<Row> rows, int writers, DynamoTarget target) {
        return rows.repartition(writers).mapPartitions(new PlainLoader(target), Encoders.LONG()).collectAsList()
                .stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Iterator<Long> call(Iterator<Row> rows) throws InterruptedException {
        long written = 0;
        try (DynamoDbClient client = target.writerClient()) {
            List<WriteRequest> batch = new ArrayList<>(BATCH);
            while (rows.hasNext()) {
                String item = rows.next().getAs("item");
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(AttributeValues.toSdk(DynamoJson.readItem(item))).build()).build());
                if (batch.size() == BATCH) {
                    written += send(client, batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                written += send(client, batch);
            }
        }
        return List.of(written).iterator();
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
