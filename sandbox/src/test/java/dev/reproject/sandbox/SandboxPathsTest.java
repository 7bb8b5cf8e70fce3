package dev.reproject.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxPathsTest {

    @TempDir
    Path tmp;

    @Test
    void eachKeyCanBeOverriddenOnItsOwn() {
        Properties overrides = new Properties();
        overrides.setProperty("s3proxy.jar", "/opt/other/s3proxy.jar");

        SandboxPaths paths = SandboxPaths.from(builtIn(), overrides);

        assertThat(paths.s3ProxyJar()).isEqualTo(Path.of("/opt/other/s3proxy.jar"));
        assertThat(paths.kafkaLib()).isEqualTo(Path.of("/build/kafka-lib"));
        assertThat(paths.dynaliteDir()).isEqualTo(Path.of("/build/sandbox"));
    }

    @Test
    void aMissingKeyIsNamedWithTheSystemPropertyThatFixesIt() {
        Properties incomplete = builtIn();
        incomplete.remove("kafka.lib");

        assertThatThrownBy(() -> SandboxPaths.from(incomplete, new Properties()))
                .hasMessageContaining("kafka.lib")
                .hasMessageContaining("-Dkafka.lib=");
    }

    @Test
    void aMissingS3ProxyJarSaysHowToBuildIt() {
        SandboxPaths paths = new SandboxPaths(tmp.resolve("no.jar"), tmp, tmp);

        assertThatThrownBy(paths::requireS3ProxyJar)
                .hasMessageContaining(tmp.resolve("no.jar").toString())
                .hasMessageContaining("mvn -B -o -pl sandbox install");
    }

    @Test
    void theBuiltInResourcePointsAtThisBuild() {
        SandboxPaths paths = SandboxPaths.from(loadResource(), new Properties());

        assertThat(paths.s3ProxyJar().getFileName()).hasToString("s3proxy.jar");
        assertThat(paths.kafkaLib().getFileName()).hasToString("kafka-lib");
        assertThat(paths.dynaliteDir().resolve("dynalite.js")).exists();
    }

    private static Properties builtIn() {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.jar", "/build/s3proxy/s3proxy.jar");
        properties.setProperty("kafka.lib", "/build/kafka-lib");
        properties.setProperty("dynalite.dir", "/build/sandbox");
        return properties;
    }

    private static Properties loadResource() {
        Properties properties = new Properties();
        try (var in = SandboxPaths.class.getResourceAsStream("sandbox.properties")) {
            properties.load(in);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return properties;
    }
}
