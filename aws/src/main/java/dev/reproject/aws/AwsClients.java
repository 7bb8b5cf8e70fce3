package dev.reproject.aws;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK clients from {@link AwsSettings}, all on the Apache HTTP client. */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * An S3 client. With an endpoint override it uses path-style access (S3-compatible servers have no
     * virtual-host buckets) and computes checksums only where S3 requires them: local servers do not all
     * understand the SDK's default trailing CRC checksums.
     */
    public static S3Client s3(AwsSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(settings.credentials())
                .httpClientBuilder(ApacheHttpClient.builder());
        settings.s3Endpoint().ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    public static DynamoDbClient dynamoDb(AwsSettings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(settings.credentials())
                .httpClientBuilder(ApacheHttpClient.builder());
        settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
