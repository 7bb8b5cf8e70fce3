package dev.reproject.aws;

import dev.reproject.core.config.Endpoints;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom the AWS clients talk: endpoint overrides (local servers), the region, and the
 * credentials provider. {@link #toString()} never shows credentials, only the provider's kind.
 *
 * @param dynamoDbEndpoint a DynamoDB-compatible endpoint, or empty for the region's AWS endpoint
 * @param s3Endpoint       an S3-compatible endpoint (path-style access), or empty for AWS
 * @param region           e.g. {@code us-east-1}
 * @param credentials      where credentials come from (default: the AWS default chain)
 */
public record AwsSettings(Optional<URI> dynamoDbEndpoint,
                          Optional<URI> s3Endpoint,
                          String region,
                          AwsCredentialsProvider credentials) {

    public static final String DEFAULT_REGION = "us-east-1";

    public AwsSettings {
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(region, "region");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank, e.g. " + DEFAULT_REGION);
        }
        if (credentials == null) {
            credentials = DefaultCredentialsProvider.builder().build();
        }
    }

    /** Endpoints and region as given, credentials from the AWS default chain. */
    public AwsSettings(Optional<URI> dynamoDbEndpoint, Optional<URI> s3Endpoint, String region) {
        this(dynamoDbEndpoint, s3Endpoint, region, null);
    }

    /**
     * The endpoints the user gave, the region {@link AwsRegions#resolve resolved} from what the user gave and the
     * AWS SDK's chain, credentials from the AWS default chain.
     *
     * @throws IllegalArgumentException when there is no region to use
     */
    public static AwsSettings of(Endpoints endpoints) {
        return new AwsSettings(endpoints.dynamoDbEndpoint(), endpoints.s3Endpoint(), AwsRegions.resolve(endpoints));
    }

    /** AWS itself in {@code region}, credentials from the default chain. */
    public static AwsSettings of(String region) {
        return new AwsSettings(Optional.empty(), Optional.empty(), region);
    }

    /** A copy with fixed credentials, e.g. the local-only ones of a sandbox server. */
    public AwsSettings withStaticCredentials(String accessKeyId, String secretAccessKey) {
        return withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    /** A copy with other credentials (e.g. static ones for a local server). */
    public AwsSettings withCredentials(AwsCredentialsProvider provider) {
        return new AwsSettings(dynamoDbEndpoint, s3Endpoint, region, Objects.requireNonNull(provider, "provider"));
    }

    @Override
    public String toString() {
        // the provider's own toString may show an access key id: name its kind only
        return "AwsSettings[dynamoDbEndpoint=" + dynamoDbEndpoint.map(URI::toString).orElse("aws")
                + ", s3Endpoint=" + s3Endpoint.map(URI::toString).orElse("aws")
                + ", region=" + region
                + ", credentials=" + credentials.getClass().getSimpleName() + "]";
    }
}
