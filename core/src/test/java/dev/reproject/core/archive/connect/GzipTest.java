package dev.reproject.core.archive.connect;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class GzipTest {

    @Test
    void compressesFromTheIndexGiven() throws IOException {
        byte[] lines = "one\ntwo\n".getBytes(StandardCharsets.UTF_8);

        assertThat(gunzip(Gzip.compress(lines, 0))).isEqualTo("one\ntwo\n");
        assertThat(gunzip(Gzip.compress(lines, 4))).isEqualTo("two\n");
    }

    private static String gunzip(byte[] gzip) throws IOException {
        return new String(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes(), StandardCharsets.UTF_8);
    }
}
