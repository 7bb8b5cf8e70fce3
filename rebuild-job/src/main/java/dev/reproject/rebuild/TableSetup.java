package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.core.view.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.util.Optional;

/** The target table: created with the view's keys and indexes when missing, on-demand or provisioned. */
final class TableSetup {

    private TableSetup() {
    }

    /**
     * @param exists whether the table exists, as just looked up
     * @return whether the table existed already (it is then used as it is, whatever its capacity)
     */
    static boolean ensure(DynamoDbClient client, String table, TableSchema schema, Optional<Capacity> provisioned,
                          boolean exists) {
        if (exists) {
            return true;
        }
        CreateTableRequest request = provisioned
                .map(c -> TableSchemas.createTableRequest(table, schema, ProvisionedThroughput.builder()
                        .readCapacityUnits(c.readUnits()).writeCapacityUnits(c.writeUnits()).build()))
                .orElseGet(() -> TableSchemas.createTableRequest(table, schema));
        client.createTable(request);
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
        return client.scan(b -> b.tableName(table).limit(1).consistentRead(true)).count() == 0;
    }
}
