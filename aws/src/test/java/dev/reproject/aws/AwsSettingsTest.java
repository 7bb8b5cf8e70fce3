package dev.reproject.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsSettingsTest {

    @Test
    void credentialsDefaultToTheAwsChain() {
        assertThat(AwsSettings.of("eu-west-1").credentials()).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void toStringShowsEndpointsAndRegionButNoCredentials() {
        AwsSettings settings = new AwsSettings(Optional.of(URI.create("http://127.0.0.1:8000")), Optional.empty(),
                "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLEKEYID", "s3cr3t-key")));

        assertThat(settings.toString())
                .contains("http://127.0.0.1:8000", "eu-west-1", "StaticCredentialsProvider")
                .doesNotContain("AKIAEXAMPLEKEYID", "s3cr3t-key");
    }

    @Test
    void aBlankRegionIsRefused() {
        assertThatThrownBy(() -> AwsSettings.of(" ")).hasMessageContaining("region");
    }
}
