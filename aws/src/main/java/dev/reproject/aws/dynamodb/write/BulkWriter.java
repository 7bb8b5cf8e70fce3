package dev.reproject.aws.dynamodb.write;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.ItemSize;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.retry.RateLimiter;
import dev.reproject.core.retry.Sleeper;
import dev.reproject.core.view.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Loads items into one table with {@code BatchWriteItem}, 25 puts a call; one per Spark task (not thread-safe).
 *
 * <ul>
 *   <li>Items over {@link ItemSize#MAX_BYTES} are never sent: DynamoDB would fail the whole batch. They come back
 *       in the summary as rejects.</li>
 *   <li>DynamoDB refuses a batch that puts one key twice, so an item whose key is already in the batch being
 *       filled closes that batch and starts the next one; batches go out in order, so the later item wins.</li>
 *   <li>A batch is finished (every item written) before the next is sent. Unprocessed items, throttling and 5xx
 *       errors are retried after a {@link Backoff} delay; a batch gives up after {@code maxAttempts} calls in a row
 *       that wrote nothing. Any other error fails at once. Both name the key of an item that was not written.</li>
 *   <li>Every call, retries included, first takes its item count from the {@link RateLimiter}.</li>
 * </ul>
 */
public final class BulkWriter {

    /** DynamoDB's limit of requests per {@code BatchWriteItem} call. */
    public static final int MAX_BATCH = 25;

    private final DynamoDbClient client;
    private final String table;
    private final SortedSet<String> keyAttributes;
    private final Backoff backoff;
    private final RateLimiter rateLimiter;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private volatile Progress progress = Progress.NONE;

    /** What a writer reports as it goes, for progress lines; called on the writing thread. */
    public interface Progress {

        Progress NONE = new Progress() {
        };

        /** {@code items} more are in the table. */
        default void written(int items) {
        }

        /** A call or its unprocessed items are about to be sent again, after a backoff. */
        default void retrying() {
        }
    }

    public BulkWriter(DynamoDbClient client, String table, Set<String> keyAttributes, Backoff backoff,
                      RateLimiter rateLimiter, Sleeper sleeper, RandomGenerator random) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.keyAttributes = new TreeSet<>(keyAttributes);
        if (this.keyAttributes.isEmpty()) {
            throw new IllegalArgumentException("a table has at least one key attribute; none given for " + table);
        }
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A writer on the system clock, with the options' backoff and rate. */
    public static BulkWriter create(DynamoDbClient client, String table, TableSchema schema, WriteOptions options) {
        return new BulkWriter(client, table, schema.keyAttributes(), options.backoff(),
                RateLimiter.of(options.rateLimit()), Sleeper.SYSTEM, new SplittableRandom());
    }

    /** Reports to {@code progress} from now on. */
    public BulkWriter reportingTo(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /**
     * Writes every item, or throws {@link BulkWriteException}; items written before a failure stay written (puts
     * are idempotent, so the load can simply run again).
     */
    public WriteSummary write(Iterator<Item> items) {
        Counts counts = new Counts();
        List<WriteRequest> batch = new ArrayList<>(MAX_BATCH);
        Set<Map<String, AttrValue>> keysInBatch = new HashSet<>();
        while (items.hasNext()) {
            Item item = items.next();
            long size = ItemSize.of(item);
            Map<String, AttrValue> key = keyOf(item);
            if (size > ItemSize.MAX_BYTES) {
                counts.rejected.add(new WriteSummary.RejectedItem(keyJson(key), size));
                continue;
            }
            if (batch.size() == MAX_BATCH || keysInBatch.contains(key)) {
                send(batch, counts);
                batch = new ArrayList<>(MAX_BATCH);
                keysInBatch.clear();
            }
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(AttributeValues.toSdk(item)).build())
                    .build());
            keysInBatch.add(key);
        }
        if (!batch.isEmpty()) {
            send(batch, counts);
        }
        return counts.summary();
    }

    /** Sends one batch until every item in it is written. */
    private void send(List<WriteRequest> batch, Counts counts) {
        List<WriteRequest> pending = batch;
        int retries = 0;
        int fruitlessCalls = 0;
        while (true) {
            acquire(pending);
            counts.calls++;
            BatchWriteItemResponse response;
            try {
                response = client
                        .batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(table, pending)).build());
            } catch (RuntimeException e) {
                Optional<RetriableErrors.Kind> kind = RetriableErrors.classify(e);
                if (kind.isEmpty()) {
                    throw failure("BatchWriteItem to table " + table + " failed (not retriable): " + e.getMessage(),
                            pending, e);
                }
                fruitlessCalls++;
                if (!backoff.mayRetryAfter(fruitlessCalls)) {
                    throw failure("BatchWriteItem to table " + table + " still failed after " + fruitlessCalls
                            + " attempts: " + e.getMessage(), pending, e);
                }
                if (kind.get() == RetriableErrors.Kind.THROTTLING) {
                    counts.throttleRetries++;
                } else {
                    counts.serverErrorRetries++;
                }
                pause(retries++, pending);
                continue;
            }
            List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
            counts.written += pending.size() - unprocessed.size();
            progress.written(pending.size() - unprocessed.size());
            if (unprocessed.isEmpty()) {
                return;
            }
            fruitlessCalls = unprocessed.size() < pending.size() ? 0 : fruitlessCalls + 1;
            if (!backoff.mayRetryAfter(fruitlessCalls)) {
                throw failure("BatchWriteItem to table " + table + " left " + unprocessed.size()
                        + " items unprocessed after " + fruitlessCalls + " attempts without progress", unprocessed,
                        null);
            }
            counts.unprocessedRetried += unprocessed.size();
            pause(retries++, unprocessed);
            pending = unprocessed;
        }
    }

    private void acquire(List<WriteRequest> pending) {
        try {
            rateLimiter.acquire(pending.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the write rate", pending, e);
        }
    }

    private void pause(int retry, List<WriteRequest> pending) {
        progress.retrying();
        try {
            sleeper.sleep(backoff.delay(retry, random));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while backing off", pending, e);
        }
    }

    private BulkWriteException failure(String message, List<WriteRequest> pending, Throwable cause) {
        Map<String, AttributeValue> first = pending.get(0).putRequest().item();
        Map<String, AttrValue> key = new TreeMap<>();
        for (String name : keyAttributes) {
            AttributeValue value = first.get(name);
            if (value != null) {
                key.put(name, AttributeValues.fromSdk(value));
            }
        }
        String keyJson = keyJson(key);
        return new BulkWriteException(message + " (first item not written: key " + keyJson + ")", keyJson, cause);
    }

    private Map<String, AttrValue> keyOf(Item item) {
        Map<String, AttrValue> key = new TreeMap<>();
        for (String name : keyAttributes) {
            item.get(name).ifPresent(value -> key.put(name, value));
        }
        return key;
    }

    private static String keyJson(Map<String, AttrValue> key) {
        return DynamoJson.write(Item.of(key));
    }

    /** The counters of one {@link #write} call. */
    private static final class Counts {
        long written;
        long calls;
        long unprocessedRetried;
        long throttleRetries;
        long serverErrorRetries;
        final List<WriteSummary.RejectedItem> rejected = new ArrayList<>();

        WriteSummary summary() {
            return new WriteSummary(written, calls, unprocessedRetried, throttleRetries, serverErrorRetries, rejected);
        }
    }
}
