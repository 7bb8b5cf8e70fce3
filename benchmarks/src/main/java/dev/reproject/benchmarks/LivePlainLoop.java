package dev.reproject.benchmarks;

import dev.reproject.aws.dynamodb.UpdateItemRequests;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Update;
import dev.reproject.live.Classified;
import dev.reproject.live.RecordClassifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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
 * The baseline of the live benchmark: the backlog's updates, worked out beforehand with the updater's own
 * {@link RecordClassifier}, written as the same conditional {@code UpdateItem} requests by a fixed pool of
 * threads, one task per key with that key's updates in order — the shape of the updater's batch, but one batch
 * for the whole backlog: no Kafka, no polls, no commits, no retries.
 */
final class LivePlainLoop {

    record Result(long applied, long duplicates) {
    }

    private LivePlainLoop() {
    }

    /** The updates of {@code events}, in their order; every event must be one the view applies. */
    static List<Update> classify(List<LiveBacklog.Event> events, RecordClassifier classifier) {
        List<Update> updates = new ArrayList<>(events.size());
        for (LiveBacklog.Event event : events) {
            Classified classified = classifier.classify(LiveBacklog.TOPIC, event.partition(), event.offset(),
                    event.value());
            if (!(classified instanceof Classified.ToApply toApply)) {
                throw new IllegalStateException("partition " + event.partition() + " offset " + event.offset()
                        + " is not an update: " + classified);
            }
            updates.add(toApply.update());
        }
        return updates;
    }

    /** Writes every update into {@code table} with {@code threads} threads; returns when all have ended. */
    static Result run(DynamoDbClient client, String table, List<Update> updates, int threads, LiveInFlight inFlight)
            throws InterruptedException, ExecutionException {
        Map<SortedMap<String, AttrValue>, List<Update>> byKey = new LinkedHashMap<>();
        for (Update update : updates) {
            byKey.computeIfAbsent(update.key(), k -> new ArrayList<>()).add(update);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Result>> futures = new ArrayList<>(byKey.size());
            for (List<Update> sequence : byKey.values()) {
                futures.add(pool.submit(() -> applyInOrder(client, table, sequence, inFlight)));
            }
            long applied = 0;
            long duplicates = 0;
            for (Future<Result> future : futures) {
                Result result = future.get();
                applied += result.applied();
                duplicates += result.duplicates();
            }
            return new Result(applied, duplicates);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result applyInOrder(DynamoDbClient client, String table, List<Update> sequence,
                                       LiveInFlight inFlight) {
        long applied = 0;
        long duplicates = 0;
        for (Update update : sequence) {
            inFlight.enter();
            try {
                client.updateItem(UpdateItemRequests.of(table, update));
                applied++;
            } catch (ConditionalCheckFailedException e) {
                duplicates++;
            } finally {
                inFlight.exit();
            }
        }
        return new Result(applied, duplicates);
    }
}
