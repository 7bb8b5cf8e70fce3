package dev.reproject.aws;

import dev.reproject.core.config.Endpoints;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

import java.util.List;
import java.util.Optional;

/**
 * Which region every client and s3a calls (CONTRACT.md §7):
 * <ol>
 * <li>{@code --region} (or {@code REPROJECT_REGION}), when given;</li>
 * <li>else the AWS SDK's chain, in {@code DefaultAwsRegionProviderChain}'s order: the {@code aws.region} system
 * property, {@code AWS_REGION}, the region of the AWS profile ({@code AWS_PROFILE}, else {@code default}, in
 * {@code AWS_CONFIG_FILE} or {@code ~/.aws/config}), then EC2 instance metadata;</li>
 * <li>else, with an endpoint override ({@code --dynamodb-endpoint}, {@code --s3-endpoint}: a server of one's own,
 * which ignores the region it is signed for), {@value #LOCAL_SERVERS}; such a run does not ask the instance metadata,
 * which costs seconds off EC2 and cannot tell a local server's region anyway;</li>
 * <li>else there is no region, and the run stops (exit 2) saying how to give one.</li>
 * </ol>
 */
public final class AwsRegions {

    /** The region of a run with endpoint overrides and no region configured: any will do for local servers. */
    public static final String LOCAL_SERVERS = "us-east-1";

    private AwsRegions() {
    }

    /**
     * @throws IllegalArgumentException when no region is given, configured or needed less (see above)
     */
    public static String resolve(Endpoints endpoints) {
        return resolve(endpoints, List.of(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider()),
                new InstanceProfileRegionProvider());
    }

    /**
     * @param configured       the chain's providers up to the instance metadata: system property and environment,
     *                         profile
     * @param instanceMetadata the chain's last provider, asked only without endpoint overrides
     */
    static String resolve(Endpoints endpoints, List<AwsRegionProvider> configured, AwsRegionProvider instanceMetadata) {
        Optional<String> given = endpoints.region().filter(region -> !region.isBlank()).map(String::strip);
        if (given.isPresent()) {
            return given.get();
        }
        for (AwsRegionProvider provider : configured) {
            Optional<String> region = ask(provider);
            if (region.isPresent()) {
                return region.get();
            }
        }
        if (endpoints.anyOverride()) {
            return LOCAL_SERVERS;
        }
        return ask(instanceMetadata).orElseThrow(() -> new IllegalArgumentException("no AWS region given or "
                + "configured: pass --region (or set REPROJECT_REGION), set AWS_REGION, or give your AWS profile a "
                + "region (AWS_PROFILE, ~/.aws/config); on EC2 the instance's region is used"));
    }

    /** The provider's region, or empty when it has none (the SDK's providers throw then). */
    private static Optional<String> ask(AwsRegionProvider provider) {
        try {
            return Optional.ofNullable(provider.getRegion()).map(Region::id);
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }
}
