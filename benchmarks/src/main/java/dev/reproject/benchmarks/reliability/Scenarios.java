package dev.reproject.benchmarks.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the scenario classes share: run directories, checks that stop a scenario, timing. */
final class Scenarios {

    private Scenarios() {
    }

    /** A fresh directory for one scenario's command logs. */
    static Path dir(Rig rig, String name) {
        try {
            return Files.createDirectories(rig.dir.resolve("runs").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the scenario with the message unless {@code condition}. */
    @SuppressWarnings("AnnotateFormatMethod") // @FormatMethod's jar is not on this module's classpath
    static void require(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalStateException(String.format(format, args));
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** {@code args} with {@code scenario} first, for the mains of one scenario group. */
    static String[] withScenario(String scenario, String[] args) {
        List<String> all = new ArrayList<>(List.of(scenario));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
