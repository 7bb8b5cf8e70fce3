package dev.reproject.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionProviderTest {

    @Test
    void theManifestVersionWhenThereIsOne() {
        // junit-jupiter-api's jar manifest carries Implementation-Version
        Package fromJar = Test.class.getPackage();

        assertThat(VersionProvider.version(fromJar)).isEqualTo(fromJar.getImplementationVersion()).isNotBlank();
    }

    @Test
    void devWithoutOne() {
        assertThat(VersionProvider.version(VersionProviderTest.class.getPackage())).isEqualTo("dev");
        assertThat(VersionProvider.version(null)).isEqualTo("dev");
    }
}
