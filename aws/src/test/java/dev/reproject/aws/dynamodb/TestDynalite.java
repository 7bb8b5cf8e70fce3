package dev.reproject.aws.dynamodb;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.core.view.TableSchema;
import dev.reproject.sandbox.LocalServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Optional;

/** The aws ITs' way to dynalite: a client with the sandbox's credentials, and fresh tables. */
public final class TestDynalite {

    private TestDynalite() {
    }

    public static DynamoDbClient client(LocalServers servers) {
        return AwsClients.dynamoDb(new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(),
                servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                        servers.credentials().secretAccessKey()));
    }

    /** A new table {@code <prefix>-<hex>} with the schema's keys and indexes, once it exists. */
    public static String createTable(DynamoDbClient client, String prefix, TableSchema schema) {
        String table = prefix + "-" + Long.toHexString(System.nanoTime());
        client.createTable(TableSchemas.createTableRequest(table, schema));
        TableWaits.untilExists(client, table);
        return table;
    }
}
