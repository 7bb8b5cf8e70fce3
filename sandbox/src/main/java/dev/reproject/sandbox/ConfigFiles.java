package dev.reproject.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Writes the servers' configuration files into the work dir. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + dir, e);
        }
    }

    static Path writeProperties(Path file, Properties properties) {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "written by the reproject sandbox for this run only");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static Path writeString(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
