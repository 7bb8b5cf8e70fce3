package dev.reproject.aws.s3;

import java.util.Locale;
import java.util.Objects;

/**
 * An {@code s3a://bucket/prefix} or {@code s3://bucket/prefix} root, and the mapping between paths
 * relative to it and object keys.
 *
 * @param bucket the bucket
 * @param prefix the key prefix without leading or trailing {@code /}; empty for the bucket's root
 */
public record S3Location(String bucket, String prefix) {

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (bucket.isEmpty() || bucket.chars().anyMatch(c -> c == '/' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
        }
    }

    /** Whether {@code root} names S3 ({@code s3a://} or {@code s3://}, any case). */
    public static boolean isS3(String root) {
        String lower = root.toLowerCase(Locale.ROOT);
        return lower.startsWith("s3a://") || lower.startsWith("s3://");
    }

    /** @throws IllegalArgumentException when {@code root} is not {@code s3a://bucket[/prefix]} or {@code s3://…} */
    public static S3Location parse(String root) {
        if (!isS3(root)) {
            throw new IllegalArgumentException(
                    "not an S3 location: '" + root + "' (expected s3a://bucket/prefix or s3://bucket/prefix)");
        }
        String rest = root.substring(root.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in '" + root + "' (expected s3a://bucket/prefix)");
        }
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        return new S3Location(bucket, prefix);
    }

    /** The object key of a path relative to this location. */
    public String key(String relativePath) {
        String path = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    /** The path relative to this location of a key listed under it. */
    public String relative(String key) {
        if (prefix.isEmpty()) {
            return key;
        }
        if (!key.startsWith(prefix + "/")) {
            throw new IllegalArgumentException("key '" + key + "' is not under prefix '" + prefix + "/'");
        }
        return key.substring(prefix.length() + 1);
    }

    /** For messages: {@code s3://bucket/key}. */
    public String uri(String relativePath) {
        return "s3://" + bucket + "/" + key(relativePath);
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
