package dev.reproject.core.archive.connect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Gzip in memory, the one way archive files are compressed, so that the same lines give the same bytes. */
public final class Gzip {

    private Gzip() {
    }

    /** {@code bytes} from index {@code from} on, compressed. */
    public static byte[] compress(byte[] bytes, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, (bytes.length - from) / 6));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            gzip.write(bytes, from, bytes.length - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }
}
