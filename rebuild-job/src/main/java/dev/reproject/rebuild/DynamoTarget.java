package dev.reproject.rebuild;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.Views;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the writer tasks write, in a form that travels to Spark executors (so no {@code Optional} fields):
 * the endpoint, region and (for a local server only) static credentials from which each task builds its
 * own client, and the view whose table schema it writes.
 *
 * @param endpoint        a non-AWS endpoint, or null
 * @param accessKeyId     static credentials for a local server, or null for the AWS default chain
 * @param secretAccessKey never printed
 * @param wrap            a hook around each task's client (tests inject faults with it); identity in production
 */
public record DynamoTarget(String endpoint, String region, String accessKeyId, String secretAccessKey, String table,
                           String view, WriteOptions write, ClientWrapper wrap) implements Serializable {

    /** A serializable {@link UnaryOperator} of clients. Not a lambda: lambdas do not survive relocation. */
    public interface ClientWrapper extends UnaryOperator<DynamoDbClient>, Serializable {
        ClientWrapper NONE = Identity.INSTANCE;
    }

    /** The client as it is. */
    private enum Identity implements ClientWrapper {
        INSTANCE;

        @Override
        public DynamoDbClient apply(DynamoDbClient client) {
            return client;
        }
    }

    public DynamoTarget {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(wrap, "wrap");
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

    /** A writer task's client: wrapped by the hook. */
    public DynamoDbClient writerClient() {
        return wrap.apply(driverClient());
    }

    /** The driver's client (table checks and set-up), not wrapped: the hook is for the item writes. */
    public DynamoDbClient driverClient() {
        return AwsClients.dynamoDb(awsSettings());
    }

    public DynamoTarget withWrite(WriteOptions options) {
        return new DynamoTarget(endpoint, region, accessKeyId, secretAccessKey, table, view, options, wrap);
    }

    @Override
    public String toString() {
        return "DynamoTarget[table=" + table + ", view=" + view + ", endpoint=" + (endpoint == null ? "aws" : endpoint)
                + ", region=" + region + ", credentials=" + (accessKeyId == null ? "default chain" : "static") + "]";
    }
}
