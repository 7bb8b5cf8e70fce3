package dev.reproject.lifecycle.retire;

import dev.reproject.aws.dynamodb.TableWaits;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.util.Objects;

/** {@link Tables} in DynamoDB: {@code DeleteTable}, then waits until the table no longer exists. */
public final class DynamoTables implements Tables {

    private final DynamoDbClient client;

    public DynamoTables(DynamoDbClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public boolean delete(String table) {
        try {
            client.deleteTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException e) {
            return false;
        }
        TableWaits.untilGone(client, table);
        return true;
    }
}
