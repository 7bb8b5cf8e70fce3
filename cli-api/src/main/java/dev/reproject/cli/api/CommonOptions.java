package dev.reproject.cli.api;

import dev.reproject.core.config.Endpoints;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Optional;

/**
 * Options every command takes ({@code @Mixin}), anywhere after the command name. Each also comes from
 * {@code REPROJECT_<OPTION>} (see {@link EnvironmentDefaults}). Credentials are never options: they come
 * from the AWS default chain; a region not given here comes from the AWS SDK's region chain, which the AWS
 * adapter resolves (CONTRACT.md §7).
 */
public class CommonOptions {

    @Option(names = "--view", description = "View definition by name (default: ${DEFAULT-VALUE}).",
            defaultValue = "order-history")
    String view;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
            description = "DynamoDB endpoint, e.g. a local server (default: the region's AWS endpoint).")
    URI dynamoDbEndpoint;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3 endpoint for s3a:// paths and the S3 client, path-style (default: AWS).")
    URI s3Endpoint;

    @Option(names = "--region", description = {"AWS region (default: the AWS SDK's chain: aws.region, AWS_REGION, "
            + "the AWS profile's region, EC2 instance metadata; with --dynamodb-endpoint or --s3-endpoint and none "
            + "of these, us-east-1)."})
    String region;

    @Option(names = "--catalog-table", paramLabel = "NAME",
            description = "DynamoDB table of rebuilds and handoffs (default: ${DEFAULT-VALUE}).",
            defaultValue = "reproject-catalog")
    String catalogTable;

    public String view() {
        return view;
    }

    public Optional<URI> dynamoDbEndpoint() {
        return Optional.ofNullable(dynamoDbEndpoint);
    }

    public Optional<URI> s3Endpoint() {
        return Optional.ofNullable(s3Endpoint);
    }

    /** The region the user gave, if any; the AWS adapter resolves the one to use. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public String catalogTable() {
        return catalogTable;
    }

    /**
     * Endpoints and region as given, for the AWS clients (the region resolved by the AWS adapter; credentials come
     * from the AWS default chain, never from here).
     */
    public Endpoints endpoints() {
        return new Endpoints(dynamoDbEndpoint(), s3Endpoint(), region());
    }
}
