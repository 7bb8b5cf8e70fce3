package dev.reproject.benchmarks.reliability;

import dev.reproject.sandbox.ParentWatchdog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One command in its own JVM, as a user or a scheduler runs it: {@code java -Xmx… MAIN ARGS} on this JVM's classpath,
 * under the sandbox's {@link ParentWatchdog} (it ends only should this JVM die), credentials in its environment,
 * stdout and stderr to files, and a GC log ({@code -Xlog:gc}) that {@link GcLog} reads for its peak heap.
 */
final class Child {

    private final String name;
    private final Process process;
    private final Path out;
    private final Path log;
    private final Path gcLog;
    private final long startNanos = System.nanoTime();
    private boolean killed;
    private long endNanos;

    private Child(String name, Process process, Path out, Path log, Path gcLog) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.log = log;
        this.gcLog = gcLog;
    }

    /** Starts {@code mainClass} with {@code args}; its files are {@code dir/name.{out,log,gc}}. */
    static Child start(Path dir, String name, String heap, List<String> jvmOptions, String mainClass,
                       List<String> args, Map<String, String> environment) {
        Path out = dir.resolve(name + ".out");
        Path log = dir.resolve(name + ".log");
        Path gcLog = dir.resolve(name + ".gc");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-Xlog:gc:file=" + gcLog));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ParentWatchdog.class.getName(),
                Long.toString(ProcessHandle.current().pid()), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        try {
            return new Child(name, builder.start(), out, log, gcLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Seconds from its start to its end, or to now while it runs. */
    double secondsRunning() {
        return ((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos) / 1e9;
    }

    /** Waits for the end; its exit status, or fails after {@code minutes}, killing it. */
    int await(long minutes) {
        try {
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " did not end within " + minutes + " min; log:\n" + tail());
            }
            ended();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    /** Waits for an end with status 0; fails with the log's tail otherwise. */
    void awaitSuccess(long minutes) {
        int exit = await(minutes);
        if (exit != 0) {
            throw new IllegalStateException(name + " exited " + exit + "; log:\n" + tail());
        }
    }

    /** SIGKILL, as {@code kill -9} or a lost machine: no shutdown hook runs. Waits for the end. */
    void kill() {
        killed = process.isAlive();
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still runs 30 s after SIGKILL");
            }
            ended();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted killing " + name, e);
        }
    }

    private void ended() {
        if (endNanos == 0) {
            endNanos = System.nanoTime();
        }
    }

    /** Whether {@link #kill()} found it running. */
    boolean killed() {
        return killed;
    }

    /** The peak heap after GC this JVM logged, in bytes (see {@link GcLog}). */
    GcLog.Peak peakHeap() {
        return GcLog.peak(gcLog);
    }

    String stdout() {
        return read(out);
    }

    /** The last 30 lines of its stderr. */
    String tail() {
        List<String> lines = read(log).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /**
     * What a user is told: the last line of its stderr starting {@code reproject:} (the CLI's error line), else
     * the last one that reads as an error.
     */
    String lastError() {
        List<String> lines = read(log).lines().filter(l -> !l.isBlank()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("reproject:")) {
                String line = lines.get(i);
                return line.length() > 300 ? line.substring(0, 300) + "…" : line;
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.contains("ERROR") || line.startsWith("error") || line.contains("Exception")
                    || line.contains("failed") || line.contains("Failed")) {
                return line.length() > 300 ? line.substring(0, 300) + "…" : line;
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
