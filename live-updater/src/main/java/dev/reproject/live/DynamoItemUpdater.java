package dev.reproject.live;

import dev.reproject.aws.dynamodb.UpdateItemRequests;
import dev.reproject.aws.dynamodb.write.RetriableErrors;
import dev.reproject.core.item.Update;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.retry.Sleeper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ItemUpdater} on DynamoDB: one {@code UpdateItem} with the marker condition per update. Throttling and
 * 5xx errors are retried with the project's {@link Backoff} (full jitter); a failed condition is a duplicate; a
 * {@code ValidationException} refuses the update ({@code item-too-large} when it is about the item's size).
 */
public final class DynamoItemUpdater implements ItemUpdater {

    private final DynamoDbClient client;
    private final String table;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    public DynamoItemUpdater(DynamoDbClient client, String table, Backoff backoff, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public WriteResult apply(Update update) throws InterruptedException {
        SplittableRandom random = null;
        for (int callsMade = 1;; callsMade++) {
            calls.incrementAndGet();
            try {
                client.updateItem(UpdateItemRequests.of(table, update));
                return WriteResult.APPLIED;
            } catch (ConditionalCheckFailedException e) {
                return WriteResult.DUPLICATE;
            } catch (DynamoDbException e) {
                Optional<WriteResult> refused = refusal(e);
                if (refused.isPresent()) {
                    return refused.get();
                }
                if (RetriableErrors.classify(e).isEmpty() || !backoff.mayRetryAfter(callsMade)) {
                    throw e;
                }
                random = random == null ? new SplittableRandom() : random;
                retries.incrementAndGet();
                sleeper.sleep(backoff.delay(callsMade - 1, random)); // retry number callsMade - 1: 0 first
            }
        }
    }

    /** UpdateItem calls made, retries included. */
    public long calls() {
        return calls.get();
    }

    /** Calls repeated after throttling or a 5xx error. */
    public long retries() {
        return retries.get();
    }

    private static Optional<WriteResult> refusal(DynamoDbException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (!"ValidationException".equals(code)) {
            return Optional.empty();
        }
        String message = e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        RejectReason reason = message != null && message.toLowerCase(java.util.Locale.ROOT).contains("item size")
                ? RejectReason.ITEM_TOO_LARGE : RejectReason.INVALID_UPDATE;
        return Optional.of(new WriteResult.Refused(reason, "DynamoDB: " + message));
    }
}
