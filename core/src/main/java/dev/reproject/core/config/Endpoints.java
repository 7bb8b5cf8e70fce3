package dev.reproject.core.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the DynamoDB and S3 services are, as the user gave it: endpoint overrides (local servers) and the
 * region. Credentials are never part of it: the AWS adapter takes them from the AWS default chain.
 *
 * @param dynamoDbEndpoint a DynamoDB-compatible endpoint, or empty for the region's AWS endpoint
 * @param s3Endpoint       an S3-compatible endpoint (path-style access), or empty for AWS
 * @param region           e.g. {@code us-east-1}
 */
public record Endpoints(Optional<URI> dynamoDbEndpoint, Optional<URI> s3Endpoint, String region) {

    public Endpoints {
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(region, "region");
    }
}
