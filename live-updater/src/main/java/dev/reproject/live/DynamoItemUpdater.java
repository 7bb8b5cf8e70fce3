package dev.reproject.live;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.aws.dynamodb.UpdateItemRequests;
import dev.reproject.aws.dynamodb.write.RetriableErrors;
import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.OneByOne;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.retry.Sleeper;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@link ItemUpdater} on DynamoDB: one {@code UpdateItem} with the marker condition per write (CONTRACT.md §6.6), of
 * one update or of several combined. A failed condition is a duplicate. A combined write asks for the item before
 * it and has {@link UpdateFold#oneByOne} check that one by one would have refused none of its updates; where one
 * would have (the item too large after it), the item is then written as one by one leaves it ({@code PutItem}, or
 * {@code DeleteItem}, on condition that the marker is still the combined write's). Throttling and 5xx errors are retried with the project's {@link Backoff} (full
 * jitter). A {@code ValidationException} or {@code ResourceNotFoundException} has the table checked again
 * ({@link ViewTable}): gone or changed is an error naming it and what differs; as the view needs it, a
 * {@code ValidationException} refuses the update ({@code item-too-large} when it is about the item's size). Errors
 * of the store rather than the update — unreachable, timeouts, throttling or 5xx errors the retries did not cure —
 * are a {@link StoreUnavailableException}.
 */
public final class DynamoItemUpdater implements ItemUpdater {

    private final DynamoDbClient client;
    private final ViewTable table;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final String store;
    private final UpdateFold fold;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();

    DynamoItemUpdater(DynamoDbClient client, ViewTable table, Backoff backoff, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.store = "DynamoDB (" + endpoint(client) + ", table " + table.name() + ")";
        this.fold = new UpdateFold(table.schema());
    }

    @Override
    public WriteResult apply(CombinedUpdate write) throws InterruptedException {
        if (write.events() == 1) {
            UpdateItemRequest request = UpdateItemRequests.of(table.name(), write);
            return call(() -> {
                client.updateItem(request);
                return WriteResult.APPLIED;
            });
        }
        // the item before comes back at no capacity cost: it tells whether one by one would have refused a part
        UpdateItemRequest request = UpdateItemRequests.of(table.name(), write).toBuilder()
                .returnValues(ReturnValue.ALL_OLD).build();
        AtomicReference<Item> before = new AtomicReference<>();
        WriteResult result = call(() -> {
            before.set(AttributeValues.toItem(client.updateItem(request).attributes()));
            return WriteResult.APPLIED;
        });
        if (!(result instanceof WriteResult.Applied)) {
            return result;
        }
        Optional<OneByOne> oneByOne = fold.oneByOne(before.get(), write);
        if (oneByOne.isEmpty()) {
            return result;
        }
        restore(write, oneByOne.get());
        return WriteResult.Corrected.of(oneByOne.get());
    }

    /**
     * Writes the item as the combined write's updates one by one leave it, on condition that the marker is still the
     * one the combined write wrote. The combined write was not wrong for the store, so trying the whole write again
     * would find it a duplicate: a failure here stops the run, naming the key.
     */
    private void restore(CombinedUpdate write, OneByOne oneByOne) throws InterruptedException {
        Marker written = write.update().marker();
        Map<String, String> names = Map.of("#m", written.attribute());
        Map<String, AttributeValue> values = Map.of(":eventId", AttributeValue.fromS(written.eventId()));
        String condition = "#m = :eventId";
        WriteResult restored;
        try {
            restored = call(() -> {
                if (oneByOne.item().isEmpty()) {
                    client.deleteItem(b -> b.tableName(table.name()).key(AttributeValues.toSdk(write.update().key()))
                            .conditionExpression(condition).expressionAttributeNames(names)
                            .expressionAttributeValues(values));
                } else {
                    client.putItem(b -> b.tableName(table.name()).item(AttributeValues.toSdk(oneByOne.item()))
                            .conditionExpression(condition).expressionAttributeNames(names)
                            .expressionAttributeValues(values));
                }
                return WriteResult.APPLIED;
            });
        } catch (StoreUnavailableException e) {
            throw new IllegalStateException(notRestored(write, "the store failed: " + e.getMessage()), e);
        }
        if (!(restored instanceof WriteResult.Applied)) {
            throw new IllegalStateException(notRestored(write, restored instanceof WriteResult.Refused refused
                    ? "DynamoDB refused it: " + refused.detail() : "its marker changed since"));
        }
    }

    private String notRestored(CombinedUpdate write, String why) {
        return "a combined write of " + write.events() + " updates of key " + write.update().key() + " (events "
                + write.firstEventId() + " to " + write.update().marker().eventId() + ") applied where one by one "
                + "would have refused one of them, and writing the item as one by one leaves it failed: " + why
                + ". The item holds every one of them; check it with reproject verify. Stopped without committing.";
    }

    /** Makes a request, retrying throttling and 5xx errors; a failed condition is a duplicate. */
    private WriteResult call(Supplier<WriteResult> request) throws InterruptedException {
        SplittableRandom random = null;
        for (int callsMade = 1;; callsMade++) {
            calls.incrementAndGet();
            try {
                return request.get();
            } catch (ConditionalCheckFailedException e) {
                return WriteResult.DUPLICATE;
            } catch (ResourceNotFoundException e) {
                requireTable(e);
                throw new StoreUnavailableException(store, e); // yet it exists as it should: try again
            } catch (DynamoDbException e) {
                Optional<WriteResult> refused = refusal(e);
                if (refused.isPresent()) {
                    requireTable(e);
                    return refused.get();
                }
                Optional<RetriableErrors.Kind> kind = RetriableErrors.classify(e);
                if (kind.isEmpty()) {
                    throw e;
                }
                if (!backoff.mayRetryAfter(callsMade)) {
                    throw new StoreUnavailableException(store, e);
                }
                random = random == null ? new SplittableRandom() : random;
                (kind.get() == RetriableErrors.Kind.THROTTLING ? throttled : serverErrors).incrementAndGet();
                sleeper.sleep(backoff.delay(callsMade - 1, random)); // retry number callsMade - 1: 0 first
            } catch (AbortedException e) {
                throw e; // interrupted: the run is ending
            } catch (SdkClientException e) {
                throw new StoreUnavailableException(store, e);
            }
        }
    }

    /** UpdateItem calls made, retries included. */
    public long calls() {
        return calls.get();
    }

    /** Calls repeated after throttling or a 5xx error. */
    public long retries() {
        return throttled.get() + serverErrors.get();
    }

    /** Calls repeated after DynamoDB throttled them. */
    public long throttled() {
        return throttled.get();
    }

    /** Calls repeated after a 5xx error. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /**
     * DynamoDB refused an update in a way a table deleted or recreated with other keys explains: that is not the
     * record's fault, so the run stops rather than dead-letter it.
     *
     * @throws IllegalStateException naming the table and what differs, unless it exists and fits the view
     */
    private void requireTable(DynamoDbException refusal) {
        Optional<String> problem;
        try {
            problem = table.problem();
        } catch (AbortedException e) {
            throw e;
        } catch (SdkClientException e) {
            throw new StoreUnavailableException(store, e);
        } catch (DynamoDbException e) {
            if (RetriableErrors.classify(e).isPresent()) {
                throw new StoreUnavailableException(store, e);
            }
            throw e;
        }
        problem.ifPresent(p -> {
            throw new IllegalStateException("DynamoDB refused an update (" + message(refusal) + "), and " + p
                    + " Stopped without dead-lettering the record or committing its offset.", refusal);
        });
    }

    private static Optional<WriteResult> refusal(DynamoDbException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (!"ValidationException".equals(code)) {
            return Optional.empty();
        }
        String message = message(e);
        RejectReason reason = message != null && message.toLowerCase(Locale.ROOT).contains("item size")
                ? RejectReason.ITEM_TOO_LARGE : RejectReason.INVALID_UPDATE;
        return Optional.of(new WriteResult.Refused(reason, "DynamoDB: " + message));
    }

    private static String message(DynamoDbException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
    }

    /** The endpoint the client was pointed at, else its region; for messages. */
    private static String endpoint(DynamoDbClient client) {
        try {
            var configuration = client.serviceClientConfiguration();
            return configuration.endpointOverride().map(Object::toString)
                    .orElseGet(() -> "region " + configuration.region());
        } catch (UnsupportedOperationException e) {
            return "endpoint unknown"; // a client that is not the SDK's
        }
    }
}
