package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.core.view.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The target table: created with the view's keys and indexes when missing (on-demand). */
final class TableSetup {

    private TableSetup() {
    }

    /** @return whether the table existed already */
    static boolean ensure(DynamoDbClient client, String table, TableSchema schema) {
        if (exists(client, table)) {
            return true;
        }
        client.createTable(TableSchemas.createTableRequest(table, schema));
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
        return false;
    }

    static boolean exists(DynamoDbClient client, String table) {
        try {
            client.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    static boolean isEmpty(DynamoDbClient client, String table) {
        return client.scan(b -> b.tableName(table).limit(1)).count() == 0;
    }
}
