package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.core.view.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.Optional;

/** The target table: created with the view's keys and indexes when missing, on-demand or provisioned. */
final class TableSetup {

    private TableSetup() {
    }

    /** Creates the missing table and waits until it is there. */
    static void create(DynamoDbClient client, String table, TableSchema schema, Optional<Capacity> provisioned) {
        client.createTable(request(table, schema, provisioned));
        TableWaits.untilExists(client, table);
    }

    /** How the table is created: by {@code CreateTable}, or by {@code ImportTable} with the same parameters. */
    static CreateTableRequest request(String table, TableSchema schema, Optional<Capacity> provisioned) {
        return provisioned
                .map(c -> TableSchemas.createTableRequest(table, schema, ProvisionedThroughput.builder()
                        .readCapacityUnits(c.readUnits()).writeCapacityUnits(c.writeUnits()).build()))
                .orElseGet(() -> TableSchemas.createTableRequest(table, schema));
    }

    /** The table as DynamoDB describes it, or empty when there is none. */
    static Optional<TableDescription> describe(DynamoDbClient client, String table) {
        try {
            return Optional.of(client.describeTable(b -> b.tableName(table)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    static boolean isEmpty(DynamoDbClient client, String table) {
        return client.scan(b -> b.tableName(table).limit(1).consistentRead(true)).count() == 0;
    }
}
