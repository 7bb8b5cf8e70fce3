package dev.reproject.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxCredentialsTest {

    @Test
    void toStringShowsTheKeyIdButNeverTheSecret() {
        SandboxCredentials credentials = new SandboxCredentials("key-id", "very-secret-value");

        assertThat(credentials.toString()).contains("key-id").doesNotContain("very-secret-value");
    }

    @Test
    void localCredentialsAreTheFixedTestValues() {
        assertThat(SandboxCredentials.local())
                .isEqualTo(new SandboxCredentials("reproject-sandbox", "reproject-sandbox-secret"));
        assertThat(SandboxCredentials.local().toString()).doesNotContain("reproject-sandbox-secret");
    }
}
