package dev.reproject.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The access key the sandbox's S3Proxy accepts. {@link #toString()} never shows the secret, so the record can be
 * logged safely. dynalite accepts any credentials, so the same pair is used for both.
 */
public record SandboxCredentials(String accessKeyId, String secretAccessKey) {

    /** Local-only test value: it guards nothing but a throw-away server on 127.0.0.1. */
    public static final String LOCAL_ACCESS_KEY_ID = "reproject-sandbox";

    /** Local-only test value: it guards nothing but a throw-away server on 127.0.0.1. */
    public static final String LOCAL_SECRET_ACCESS_KEY = "reproject-sandbox-secret";

    public SandboxCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** The fixed pair every sandbox server is started with. */
    public static SandboxCredentials local() {
        return new SandboxCredentials(LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY);
    }

    /**
     * Puts the pair where the AWS SDK's default credentials chain looks first, the system properties
     * {@code aws.accessKeyId} and {@code aws.secretAccessKey}, so that commands run in this JVM take credentials
     * from the default chain as a user's run does. Closing the returned scope puts back what was there before.
     */
    public SystemPropertiesScope inSystemProperties() {
        return new SystemPropertiesScope(
                Map.of("aws.accessKeyId", accessKeyId, "aws.secretAccessKey", secretAccessKey));
    }

    /** System properties set for a while; {@link #close()} restores (or clears) the earlier values. */
    public static final class SystemPropertiesScope implements AutoCloseable {

        private final Map<String, String> earlier = new LinkedHashMap<>();

        private SystemPropertiesScope(Map<String, String> values) {
            values.forEach((name, value) -> {
                earlier.put(name, System.getProperty(name));
                System.setProperty(name, value);
            });
        }

        @Override
        public void close() {
            earlier.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "SandboxCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
}
