package dev.reproject.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How a Spark task reaches DynamoDB, in a form that travels to executors (so no {@code Optional} fields): the
 * endpoint, the region and, for a local server only, static credentials. Each task builds its own client from it.
 *
 * @param endpoint        a non-AWS endpoint, or null
 * @param accessKeyId     static credentials for a local server, or null for the AWS default chain
 * @param secretAccessKey never printed
 */
public record DynamoConnection(String endpoint, String region, String accessKeyId,
                               String secretAccessKey) implements Serializable {

    public DynamoConnection {
        Objects.requireNonNull(region, "region");
    }

    /** Credentials from the AWS default chain, as every command's. */
    public static DynamoConnection of(Optional<URI> endpoint, String region) {
        return new DynamoConnection(endpoint.map(URI::toString).orElse(null), region, null, null);
    }

    public AwsSettings awsSettings() {
        AwsSettings settings = new AwsSettings(Optional.ofNullable(endpoint).map(URI::create), Optional.empty(),
                region);
        return accessKeyId != null && secretAccessKey != null
                ? settings.withStaticCredentials(accessKeyId, secretAccessKey) : settings;
    }

    public DynamoDbClient client() {
        return AwsClients.dynamoDb(awsSettings());
    }

    @Override
    public String toString() {
        return "endpoint=" + (endpoint == null ? "aws" : endpoint) + ", region=" + region + ", credentials="
                + (accessKeyId == null ? "default chain" : "static");
    }
}
