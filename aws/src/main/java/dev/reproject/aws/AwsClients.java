package dev.reproject.aws;

import dev.reproject.aws.failure.ExplainedCredentials;
import dev.reproject.aws.failure.UnreachableEndpoints;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the SDK clients from {@link AwsSettings}, all on the Apache HTTP client, with {@link AwsTimeouts}: a store
 * that stops answering fails the call after a bounded time instead of holding it forever. Missing credentials and an
 * endpoint that cannot be reached fail with a short message naming the service and what to do
 * ({@link ExplainedCredentials}, {@link UnreachableEndpoints}).
 */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * An S3 client. With an endpoint override it uses path-style access (S3-compatible servers have no
     * virtual-host buckets) and computes checksums only where S3 requires them: local servers do not all
     * understand the SDK's default trailing CRC checksums.
     */
    public static S3Client s3(AwsSettings settings) {
        return s3(settings, AwsTimeouts.S3);
    }

    public static S3Client s3(AwsSettings settings, AwsTimeouts timeouts) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(new ExplainedCredentials(settings.credentials(), "S3"))
                .overrideConfiguration(overrides(timeouts, new UnreachableEndpoints("S3", settings.s3Endpoint(),
                        settings.region(), "--s3-endpoint")))
                .httpClientBuilder(http(timeouts));
        settings.s3Endpoint().ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    public static DynamoDbClient dynamoDb(AwsSettings settings) {
        return dynamoDb(settings, AwsTimeouts.DYNAMODB);
    }

    public static DynamoDbClient dynamoDb(AwsSettings settings, AwsTimeouts timeouts) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(new ExplainedCredentials(settings.credentials(), "DynamoDB"))
                .overrideConfiguration(overrides(timeouts, new UnreachableEndpoints("DynamoDB",
                        settings.dynamoDbEndpoint(), settings.region(), "--dynamodb-endpoint")))
                .httpClientBuilder(http(timeouts));
        settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static ClientOverrideConfiguration overrides(AwsTimeouts timeouts, UnreachableEndpoints unreachable) {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(timeouts.attempt())
                .apiCallTimeout(timeouts.call())
                .addExecutionInterceptor(unreachable)
                .build();
    }

    private static ApacheHttpClient.Builder http(AwsTimeouts timeouts) {
        return ApacheHttpClient.builder()
                .maxConnections(timeouts.maxConnections())
                .connectionTimeout(timeouts.connect())
                .connectionAcquisitionTimeout(timeouts.attempt());
    }
}
