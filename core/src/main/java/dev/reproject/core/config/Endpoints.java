package dev.reproject.core.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the DynamoDB and S3 services are, as the user gave it: endpoint overrides (local servers) and the
 * region, if given. Credentials are never part of it, and neither is the region's resolution: the AWS adapter
 * takes both from the AWS SDK's chains (CONTRACT.md §7).
 *
 * @param dynamoDbEndpoint a DynamoDB-compatible endpoint, or empty for the region's AWS endpoint
 * @param s3Endpoint       an S3-compatible endpoint (path-style access), or empty for AWS
 * @param region           e.g. {@code us-east-1}, or empty when the user gave none
 */
public record Endpoints(Optional<URI> dynamoDbEndpoint, Optional<URI> s3Endpoint, Optional<String> region) {

    public Endpoints {
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(region, "region");
    }

    /** Whether a service is pointed at a server of the user's own (local servers), not at AWS. */
    public boolean anyOverride() {
        return dynamoDbEndpoint.isPresent() || s3Endpoint.isPresent();
    }
}
