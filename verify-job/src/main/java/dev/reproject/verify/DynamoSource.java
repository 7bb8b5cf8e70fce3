package dev.reproject.verify;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.Views;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The table {@code verify} reads, in a form that travels to Spark executors (so no {@code Optional} fields): the
 * endpoint, region and (for a local server only) static credentials from which each scan task builds its own
 * client, and the view whose keys the table has.
 *
 * @param endpoint        a non-AWS endpoint, or null
 * @param accessKeyId     static credentials for a local server, or null for the AWS default chain
 * @param secretAccessKey never printed
 */
public record DynamoSource(String endpoint, String region, String accessKeyId, String secretAccessKey, String table,
                           String view) implements Serializable {

    public DynamoSource {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(view, "view");
    }

    public AwsSettings awsSettings() {
        AwsSettings settings = new AwsSettings(Optional.ofNullable(endpoint).map(URI::create), Optional.empty(),
                region);
        return accessKeyId != null && secretAccessKey != null
                ? settings.withStaticCredentials(accessKeyId, secretAccessKey) : settings;
    }

    public TableSchema schema() {
        return Views.byName(view).table();
    }

    public DynamoDbClient client() {
        return AwsClients.dynamoDb(awsSettings());
    }

    public DynamoSource withTable(String other) {
        return new DynamoSource(endpoint, region, accessKeyId, secretAccessKey, other, view);
    }

    @Override
    public String toString() {
        return "DynamoSource[table=" + table + ", view=" + view + ", endpoint=" + (endpoint == null ? "aws" : endpoint)
                + ", region=" + region + ", credentials=" + (accessKeyId == null ? "default chain" : "static") + "]";
    }
}
