package dev.reproject.core.archive;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A place archive files (or other objects) live: a local directory or an S3 prefix.
 * Paths are relative to the store's root and use {@code /}.
 */
public interface ArchiveStore extends Closeable {

    /** The root as a user wrote it, e.g. {@code file:///tmp/archive} or {@code s3a://bucket/archive}. */
    String root();

    void write(String relativePath, byte[] content) throws IOException;

    /** @throws java.io.FileNotFoundException when there is no such object */
    byte[] read(String relativePath) throws IOException;

    boolean exists(String relativePath) throws IOException;

    /** Every object under {@code relativePrefix} (recursively; "" for all), as relative paths, sorted. */
    List<String> list(String relativePrefix) throws IOException;

    /** The cloud region the store's calls go to, for reports; empty for a local directory. */
    default Optional<String> region() {
        return Optional.empty();
    }

    /** Frees what the store holds (an S3 client it owns); a no-op for a local directory. */
    @Override
    default void close() throws IOException {
    }
}
