package dev.reproject.benchmarks.reliability;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.sandbox.LocalServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** SDK clients straight to the sandbox's servers (never through a fault proxy), with its local-only credentials. */
public final class Clients {

    private Clients() {
    }

    public static S3Client s3(LocalServers servers) {
        return AwsClients.s3(settings(servers, false));
    }

    public static DynamoDbClient dynamo(LocalServers servers) {
        return AwsClients.dynamoDb(settings(servers, true));
    }

    private static AwsSettings settings(LocalServers servers, boolean dynamo) {
        return new AwsSettings(dynamo ? Optional.of(servers.dynamoDbEndpoint()) : Optional.empty(),
                dynamo ? Optional.empty() : Optional.of(servers.s3Endpoint()), servers.region())
                .withStaticCredentials(servers.credentials().accessKeyId(), servers.credentials().secretAccessKey());
    }

    /** Every item of {@code table}, by its {@code orderId}. */
    public static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get("orderId").s(), item));
        return items;
    }
}
