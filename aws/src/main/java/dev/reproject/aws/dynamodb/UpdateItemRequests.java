package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.RenderedUpdate;
import dev.reproject.core.item.Update;
import dev.reproject.core.item.UpdateExpressions;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The conditional {@code UpdateItem} that applies an {@link Update} on DynamoDB. A
 * {@code ConditionalCheckFailedException} means the event (or a later one of its aggregate) was applied already.
 */
public final class UpdateItemRequests {

    private UpdateItemRequests() {
    }

    public static UpdateItemRequest of(String table, Update update) {
        return of(table, UpdateExpressions.render(update));
    }

    /** A combined write: when its condition fails, some of its updates were applied already. */
    public static UpdateItemRequest of(String table, CombinedUpdate write) {
        return of(table, UpdateExpressions.render(write));
    }

    public static UpdateItemRequest of(String table, RenderedUpdate update) {
        return UpdateItemRequest.builder()
                .tableName(table)
                .key(AttributeValues.toSdk(update.key()))
                .updateExpression(update.updateExpression())
                .conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.names())
                .expressionAttributeValues(AttributeValues.toSdk(update.values()))
                .returnValues(ReturnValue.NONE)
                .build();
    }
}
