package dev.reproject.core.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a position keeps of a partition's older known files instead of their paths (CONTRACT.md §5.4): how many
 * listed files started at or below {@code through}, and a SHA-256 of their sorted paths. A later run that lists
 * exactly those files below {@code through} again knows every one of them without a list; one that lists others (a
 * file appeared or vanished there) opens them all, as it would open files it never saw.
 *
 * @param through the highest start offset summarised; at or below the watermark
 * @param count   the files that started at or below it
 * @param sha256  hex SHA-256 of their paths, sorted, each followed by a newline
 */
public record FileDigest(long through, long count, String sha256) {

    public FileDigest {
        Objects.requireNonNull(sha256, "sha256");
        if (through < 0 || count < 1) {
            throw new IllegalArgumentException("a file digest covers 1 file or more up to an offset of 0 or more, was "
                    + count + " up to " + through);
        }
    }

    /** The digest of these paths, all starting at or below {@code through}. */
    public static FileDigest of(long through, Collection<String> paths) {
        return new FileDigest(through, paths.size(), sha256(paths));
    }

    /** Whether {@code paths} are exactly the files summarised. */
    public boolean matches(Collection<String> paths) {
        return paths.size() == count && sha256(paths).equals(sha256);
    }

    private static String sha256(Collection<String> paths) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (String path : new TreeSet<>(paths)) {
            digest.update((path + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
