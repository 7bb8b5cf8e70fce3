package dev.reproject.orderhistory.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

final class Gzip {

    private Gzip() {
    }

    static byte[] compress(byte[] bytes, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, (bytes.length - from) / 6));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            gzip.write(bytes, from, bytes.length - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }
}
