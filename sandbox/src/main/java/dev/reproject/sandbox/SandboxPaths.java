package dev.reproject.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where this checkout keeps the servers' own classpaths and dynalite, as written into {@code sandbox.properties}
 * at build time. Each key can be overridden by a system property of the same name, e.g.
 * {@code -Ds3proxy.jar=/opt/s3proxy.jar}, for a sandbox used outside the checkout it was built in.
 *
 * @param s3ProxyJar the S3Proxy standalone jar ({@value #S3PROXY_JAR})
 * @param kafkaLib the directory of the Kafka broker's jars ({@value #KAFKA_LIB})
 * @param dynaliteDir the directory with {@code dynalite.js} and {@code node_modules} ({@value #DYNALITE_DIR})
 */
public record SandboxPaths(Path s3ProxyJar, Path kafkaLib, Path dynaliteDir) {

    public static final String S3PROXY_JAR = "s3proxy.jar";
    public static final String KAFKA_LIB = "kafka.lib";
    public static final String DYNALITE_DIR = "dynalite.dir";

    private static final String RESOURCE = "sandbox.properties";
    private static final String REBUILD_HINT = "run `mvn -B -o -pl sandbox install` in the checkout";

    /** The paths of the build this class came from, with system property overrides applied. */
    public static SandboxPaths load() {
        return from(builtIn(), System.getProperties());
    }

    /** {@code overrides} win over {@code defaults}, key by key. */
    static SandboxPaths from(Properties defaults, Properties overrides) {
        return new SandboxPaths(
                path(S3PROXY_JAR, defaults, overrides),
                path(KAFKA_LIB, defaults, overrides),
                path(DYNALITE_DIR, defaults, overrides));
    }

    /** The S3Proxy jar, or an error that says how to get it. */
    Path requireS3ProxyJar() {
        return requireExisting(s3ProxyJar, S3PROXY_JAR, REBUILD_HINT);
    }

    /** The Kafka jar directory, or an error that says how to get it. */
    Path requireKafkaLib() {
        return requireExisting(kafkaLib, KAFKA_LIB, REBUILD_HINT);
    }

    private static Properties builtIn() {
        Properties properties = new Properties();
        try (InputStream in = SandboxPaths.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Missing resource " + RESOURCE + " next to " + SandboxPaths.class.getName()
                                + ": the sandbox was not built with Maven; " + REBUILD_HINT);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return properties;
    }

    private static Path path(String key, Properties defaults, Properties overrides) {
        String value = overrides.getProperty(key, defaults.getProperty(key));
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("No value for '" + key + "' in " + RESOURCE
                    + " nor as a system property (-D" + key + "=...)");
        }
        return Path.of(value.strip()).toAbsolutePath().normalize();
    }

    private static Path requireExisting(Path path, String key, String hint) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("Not found: " + path + " (" + key + "): " + hint
                    + ", or point -D" + key + "=... at it");
        }
        return path;
    }
}
