package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.Update;
import dev.reproject.core.reject.RejectReason;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** What a conditional UpdateItem did on the server, in the fold's terms. */
record DynamoOutcome(Kind kind, RejectReason reason, String message) {

    enum Kind { APPLIED, DUPLICATE, REJECTED }

    /** Sends {@code update} as a conditional UpdateItem and classifies the answer. */
    static DynamoOutcome send(DynamoDbClient client, String table, Update update) {
        return send(client, table, CombinedUpdate.of(update));
    }

    /** Sends a combined write as one conditional UpdateItem and classifies the answer. */
    static DynamoOutcome send(DynamoDbClient client, String table, CombinedUpdate write) {
        try {
            client.updateItem(UpdateItemRequests.of(table, write));
            return new DynamoOutcome(Kind.APPLIED, null, null);
        } catch (ConditionalCheckFailedException e) {
            return new DynamoOutcome(Kind.DUPLICATE, null, null);
        } catch (DynamoDbException e) {
            if (e.statusCode() != 400) {
                throw e;
            }
            String message = e.awsErrorDetails().errorMessage();
            // DynamoDB's (and dynalite's) words for an item over 400 KB after an update
            RejectReason reason = message != null && message.contains("Item size")
                    ? RejectReason.ITEM_TOO_LARGE : RejectReason.INVALID_UPDATE;
            return new DynamoOutcome(Kind.REJECTED, reason, e.awsErrorDetails().errorCode() + ": " + message);
        }
    }

    boolean agreesWith(FoldResult result) {
        return switch (kind) {
            case APPLIED -> result instanceof FoldResult.Applied;
            case DUPLICATE -> result instanceof FoldResult.Duplicate;
            case REJECTED -> result instanceof FoldResult.Rejected rejected && rejected.reason() == reason;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.REJECTED ? "Rejected(" + reason + ", " + message + ")" : kind.toString();
    }
}
