package dev.reproject.aws;

import dev.reproject.aws.s3.MissingBucket;
import dev.reproject.aws.s3.S3ArchiveStore;
import dev.reproject.aws.s3.S3Location;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.config.Endpoints;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens the {@link ArchiveStore} a root names: S3 ({@code s3a://}, {@code s3://}) or local ({@code file:}, a path). */
public final class ArchiveStores {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final String EXPECTED = "use s3a://bucket/prefix, s3://bucket/prefix, file:///dir or a local path";

    private ArchiveStores() {
    }

    /**
     * The store under {@code root}; writing to an S3 root never creates its bucket. An S3 store owns its client: close
     * the store when done.
     *
     * @throws IllegalArgumentException for a blank root, an unsupported scheme or a malformed URI
     */
    public static ArchiveStore open(String root, AwsSettings settings) {
        return open(root, settings, MissingBucket.FAIL);
    }

    /** The store under {@code root}, an S3 one with what writing does when its bucket is missing. */
    public static ArchiveStore open(String root, AwsSettings settings, MissingBucket missingBucket) {
        Objects.requireNonNull(settings, "settings");
        return open(root, () -> settings, missingBucket);
    }

    /**
     * The store under {@code root}, for a command: the AWS settings, and so the region, are resolved from
     * {@code endpoints} only for an S3 root (a local archive needs no region).
     *
     * @throws IllegalArgumentException as {@link #open(String, AwsSettings)}, or for an S3 root when no region
     *                                  resolves ({@link AwsRegions})
     */
    public static ArchiveStore open(String root, Endpoints endpoints, MissingBucket missingBucket) {
        Objects.requireNonNull(endpoints, "endpoints");
        return open(root, () -> AwsSettings.of(endpoints), missingBucket);
    }

    private static ArchiveStore open(String root, Supplier<AwsSettings> settings, MissingBucket missingBucket) {
        Objects.requireNonNull(missingBucket, "missingBucket");
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("no archive root given: " + EXPECTED);
        }
        if (S3Location.isS3(root)) {
            S3Location.parse(root); // fail on a malformed root before building a client
            return S3ArchiveStore.owning(root, AwsClients.s3(settings.get()), missingBucket);
        }
        String scheme = scheme(root);
        if (scheme == null || scheme.equals("file")) {
            try {
                return new LocalArchiveStore(root);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a usable local archive root '" + root + "': " + EXPECTED, e);
            }
        }
        throw new IllegalArgumentException(
                "unsupported archive root '" + root + "' (scheme " + scheme + ":): " + EXPECTED);
    }

    /** The lower-cased URI scheme, or null for a plain path (a one-letter "scheme" is a Windows drive). */
    static String scheme(String root) {
        Matcher m = SCHEME.matcher(root);
        if (!m.find() || m.group(1).length() == 1) {
            return null;
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }
}
