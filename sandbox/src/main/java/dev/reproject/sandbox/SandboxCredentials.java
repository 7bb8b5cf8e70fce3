package dev.reproject.sandbox;

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

    @Override
    public String toString() {
        return "SandboxCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
}
