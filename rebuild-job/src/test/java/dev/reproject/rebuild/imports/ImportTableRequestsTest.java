package dev.reproject.rebuild.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.s3.S3Location;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code ImportTable} request as the SDK marshals it for the wire, captured before it is sent, against what the
 * DynamoDB API reference's request syntax for ImportTable says (S3BucketSource, InputFormat, InputCompressionType,
 * TableCreationParameters with TableName, AttributeDefinitions, KeySchema, BillingMode, ProvisionedThroughput,
 * GlobalSecondaryIndexes), written out by hand.
 */
class ImportTableRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final S3Location SOURCE = S3Location
            .parse("s3a://views/snapshots/order-history/rebuilds/orders-v2@20261207T041010.631Z/import");
    /** A hash key, and an index with a hash and a range key of another type: three attribute definitions. */
    private static final TableSchema SCHEMA = new TableSchema("orders", new KeyAttribute("orderId", KeyType.S),
            Optional.empty(), List.of(new GlobalIndex("byConsumer", new KeyAttribute("consumerId", KeyType.S),
                    Optional.of(new KeyAttribute("creationDate", KeyType.N)))));

    @Test
    void anOnDemandTableIsImportedFromTheGzipDynamoDbJsonFilesUnderThePrefix() throws IOException {
        Captured sent = send(TableSchemas.createTableRequest("orders-v2", SCHEMA));

        assertThat(sent.target()).isEqualTo("DynamoDB_20120810.ImportTable");
        assertThat(sent.body().path("ClientToken").asText()).as("the SDK's idempotency token").hasSize(36);
        ((ObjectNode) sent.body()).remove("ClientToken");
        assertThat(sent.body()).isEqualTo(JSON.readTree("""
                {"S3BucketSource": {"S3Bucket": "views",
                   "S3KeyPrefix": "snapshots/order-history/rebuilds/orders-v2@20261207T041010.631Z/import/"},
                 "InputFormat": "DYNAMODB_JSON",
                 "InputCompressionType": "GZIP",
                 "TableCreationParameters": {
                   "TableName": "orders-v2",
                   "AttributeDefinitions": [{"AttributeName": "orderId", "AttributeType": "S"},
                                            {"AttributeName": "consumerId", "AttributeType": "S"},
                                            {"AttributeName": "creationDate", "AttributeType": "N"}],
                   "KeySchema": [{"AttributeName": "orderId", "KeyType": "HASH"}],
                   "BillingMode": "PAY_PER_REQUEST",
                   "GlobalSecondaryIndexes": [{"IndexName": "byConsumer",
                      "KeySchema": [{"AttributeName": "consumerId", "KeyType": "HASH"},
                                    {"AttributeName": "creationDate", "KeyType": "RANGE"}],
                      "Projection": {"ProjectionType": "ALL"}}]}}
                """));
    }

    @Test
    void aProvisionedTableGetsItsCapacityAndItsIndexesTheirs() throws IOException {
        Captured sent = send(TableSchemas.createTableRequest("orders-v2", SCHEMA,
                ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(10L).build()));

        JsonNode creation = sent.body().get("TableCreationParameters");
        JsonNode capacity = JSON.readTree("{\"ReadCapacityUnits\": 5, \"WriteCapacityUnits\": 10}");
        assertThat(creation.get("BillingMode").asText()).isEqualTo("PROVISIONED");
        assertThat(creation.get("ProvisionedThroughput")).isEqualTo(capacity);
        assertThat(creation.get("GlobalSecondaryIndexes").get(0).get("ProvisionedThroughput")).isEqualTo(capacity);
    }

    @Test
    void theAwsImportReadsFromS3Only() {
        DynamoTableImport aws = new DynamoTableImport(client(new Capture()), duration -> {
        });

        assertThatThrownBy(() -> aws.requireReadable("file:/tmp/snapshots/order-history/rebuilds/t@1/import"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:/tmp/snapshots/order-history/rebuilds/t@1/import")
                .hasMessageContaining("ImportTable reads files from S3 only");
        aws.requireReadable("s3://bucket/snapshots/order-history/rebuilds/t@1/import");
    }

    private record Captured(String target, JsonNode body) {
    }

    /** The request as it would go on the wire: marshalled and signed, then stopped before it is sent. */
    private static Captured send(CreateTableRequest table) throws IOException {
        Capture capture = new Capture();
        try (DynamoDbClient client = client(capture)) {
            assertThatThrownBy(() -> client.importTable(ImportTableRequests.of(table, SOURCE)))
                    .isInstanceOf(Stopped.class);
        }
        assertThat(capture.request.method().name()).isEqualTo("POST");
        return new Captured(capture.request.firstMatchingHeader("X-Amz-Target").orElseThrow(),
                JSON.readTree(capture.body));
    }

    private static DynamoDbClient client(Capture capture) {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(capture)).build();
    }

    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped before transmission");
        }
    }

    private static final class Capture implements ExecutionInterceptor {
        private SdkHttpRequest request;
        private byte[] body;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            request = context.httpRequest();
            body = context.requestBody().map(b -> {
                try (InputStream in = b.contentStreamProvider().newStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElseThrow();
            throw new Stopped();
        }
    }
}
