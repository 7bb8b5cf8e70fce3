package dev.reproject.spark;

import java.io.File;
import java.net.URI;

/** Turns what a user wrote as an archive or snapshot root into a Hadoop-ready URI. */
public final class ArchiveRoot {

    private ArchiveRoot() {
    }

    /**
     * {@code s3a://b/p}, {@code s3://b/p} and {@code file:///p} stay as they are (without a trailing slash);
     * a plain path is a local directory.
     */
    public static URI of(String root) {
        String trimmed = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        URI uri = URI.create(trimmed.replace(" ", "%20"));
        if (uri.getScheme() == null) {
            return new File(trimmed).getAbsoluteFile().toURI().normalize();
        }
        return uri;
    }
}
