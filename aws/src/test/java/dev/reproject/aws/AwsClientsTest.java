package dev.reproject.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Only what can be seen without a server; the calls themselves are tested against real servers (*IT). */
class AwsClientsTest {

    @Test
    void endpointsAndRegionAreApplied() {
        AwsSettings settings = new AwsSettings(Optional.of(URI.create("http://127.0.0.1:8000")),
                Optional.of(URI.create("http://127.0.0.1:9000")), "eu-central-1",
                AnonymousCredentialsProvider.create());
        try (S3Client s3 = AwsClients.s3(settings); DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings)) {
            assertThat(s3.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:9000"));
            assertThat(s3.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:8000"));
        }
    }

    @Test
    void withoutEndpointsTheClientsUseAws() {
        try (S3Client s3 = AwsClients.s3(AwsSettings.of("us-east-1"))) {
            assertThat(s3.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }
}
