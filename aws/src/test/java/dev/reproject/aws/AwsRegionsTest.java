package dev.reproject.aws;

import dev.reproject.core.config.Endpoints;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order in which the region is resolved (CONTRACT.md §7), with stand-ins for the SDK chain's providers. */
class AwsRegionsTest {

    private static final Optional<URI> LOCAL = Optional.of(URI.create("http://127.0.0.1:8000"));

    /** The providers asked, by name, in order. */
    private final List<String> asked = new ArrayList<>();

    private AwsRegionProvider has(String name, String region) {
        return () -> {
            asked.add(name);
            return Region.of(region);
        };
    }

    private AwsRegionProvider none(String name) {
        return () -> {
            asked.add(name);
            throw SdkClientException.create(name + " has no region");
        };
    }

    private static Endpoints aws(String region) {
        return new Endpoints(Optional.empty(), Optional.empty(), Optional.ofNullable(region));
    }

    @Test
    void theGivenRegionWinsAndNothingIsAsked() {
        String region = AwsRegions.resolve(aws("eu-central-1"), List.of(has("environment", "eu-west-1")),
                has("metadata", "us-west-2"));

        assertThat(region).isEqualTo("eu-central-1");
        assertThat(asked).isEmpty();
    }

    @Test
    void aBlankGivenRegionCountsAsNone() {
        assertThat(AwsRegions.resolve(aws("  "), List.of(has("environment", "eu-west-1")), none("metadata")))
                .isEqualTo("eu-west-1");
    }

    @Test
    void thenTheChainInItsOrder_theFirstWithARegionWins() {
        String region = AwsRegions.resolve(aws(null),
                List.of(none("environment"), has("profile", "ap-southeast-2")), has("metadata", "us-west-2"));

        assertThat(region).isEqualTo("ap-southeast-2");
        assertThat(asked).containsExactly("environment", "profile");
    }

    @Test
    void theInstanceMetadataComesLast() {
        String region = AwsRegions.resolve(aws(null), List.of(none("environment"), none("profile")),
                has("metadata", "us-west-2"));

        assertThat(region).isEqualTo("us-west-2");
        assertThat(asked).containsExactly("environment", "profile", "metadata");
    }

    @Test
    void withAnEndpointOverrideAndNoConfiguredRegion_localServersGetUsEast1WithoutAskingTheMetadata() {
        for (Endpoints local : List.of(new Endpoints(LOCAL, Optional.empty(), Optional.empty()),
                new Endpoints(Optional.empty(), LOCAL, Optional.empty()))) {
            asked.clear();
            String region = AwsRegions.resolve(local, List.of(none("environment"), none("profile")),
                    has("metadata", "us-west-2"));

            assertThat(region).isEqualTo("us-east-1");
            assertThat(asked).containsExactly("environment", "profile");
        }
    }

    @Test
    void aConfiguredRegionStillWinsOverTheLocalDefault() {
        assertThat(AwsRegions.resolve(new Endpoints(LOCAL, LOCAL, Optional.empty()),
                List.of(has("environment", "eu-west-1")), none("metadata"))).isEqualTo("eu-west-1");
    }

    @Test
    void withNothingAnywhereTheRunStopsSayingHowToGiveARegion() {
        assertThatThrownBy(() -> AwsRegions.resolve(aws(null), List.of(none("environment"), none("profile")),
                none("metadata")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no AWS region")
                .hasMessageContaining("--region")
                .hasMessageContaining("REPROJECT_REGION")
                .hasMessageContaining("AWS_REGION")
                .hasMessageContaining("AWS_PROFILE");
        assertThat(asked).containsExactly("environment", "profile", "metadata");
    }

    @Test
    void theRealChainReadsTheAwsRegionSystemProperty() {
        String before = System.getProperty("aws.region");
        System.setProperty("aws.region", "sa-east-1");
        try {
            assertThat(AwsRegions.resolve(aws(null))).isEqualTo("sa-east-1");
            assertThat(AwsSettings.of(aws(null)).region()).isEqualTo("sa-east-1");
            assertThat(AwsSettings.of(aws("eu-north-1")).region()).isEqualTo("eu-north-1");
        } finally {
            if (before == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", before);
            }
        }
    }
}
