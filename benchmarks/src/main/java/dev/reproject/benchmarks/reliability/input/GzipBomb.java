package dev.reproject.benchmarks.reliability.input;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A {@code .json.gz} archive file that inflates to {@code lineBytes} bytes and more: a good first line, one line of
 * {@code lineBytes} bytes, a good last line. Streamed to disk at the best compression (about 1,000:1, so 2 GiB
 * take about 2 MB); nothing of it is ever held in memory.
 */
final class GzipBomb {

    private GzipBomb() {
    }

    static long write(Path file, String first, long lineBytes, String last) throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 'x');
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write((first + "\n").getBytes(StandardCharsets.UTF_8));
            for (long left = lineBytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
            out.write(("\n" + last + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Files.size(file);
    }
}
