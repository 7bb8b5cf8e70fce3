package dev.reproject.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no server: naming, laziness, closing, errors before a process starts. */
class LocalServersTest {

    @TempDir
    Path tmp;

    @Test
    void environmentNamesOnlyTheRegionBeforeAnyServerStarted() {
        try (LocalServers servers = LocalServers.create(tmp.resolve("work"))) {
            assertThat(servers.environment()).containsExactlyEntriesOf(Map.of("REPROJECT_REGION", "us-east-1"));
            assertThat(servers.region()).isEqualTo("us-east-1");
        }
    }

    @Test
    void closeDeletesTheWorkDirAndCanBeRepeated() {
        Path workDir = tmp.resolve("work");
        LocalServers servers = LocalServers.create(workDir);
        assertThat(workDir).isDirectory();

        servers.close();
        servers.close();

        assertThat(workDir).doesNotExist();
        assertThatThrownBy(servers::dynamoDbEndpoint).hasMessageContaining("closed");
    }

    @Test
    void dynaliteNotInstalledSaysToRunNpmCi() throws Exception {
        Path sandboxDir = Files.createDirectories(tmp.resolve("sandbox"));
        Files.writeString(sandboxDir.resolve("dynalite.js"), "");
        SandboxPaths paths = new SandboxPaths(tmp.resolve("s3proxy.jar"), tmp.resolve("kafka-lib"), sandboxDir);

        try (LocalServers servers = LocalServers.create(tmp.resolve("work"), paths)) {
            assertThatThrownBy(servers::dynamoDbEndpoint)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("npm ci --prefix sandbox");
            assertThat(servers.environment()).doesNotContainKey("REPROJECT_DYNAMODB_ENDPOINT");
        }
    }
}
