package dev.reproject.benchmarks.reliability;

import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.ParentWatchdog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of reproject's commands ({@code SnapshotMain}, {@code RebuildMain}, {@code LiveMain}) in its own JVM with a
 * small heap and a GC log, as a service runs it: this JVM's classpath, under the sandbox's {@link ParentWatchdog}
 * (it dies with us), the sandbox's credentials in its environment (never on its command line), stdout and stderr
 * to files.
 */
public final class JavaProcess {

    public static final String SNAPSHOT = "dev.reproject.snapshot.cli.SnapshotMain";
    public static final String REBUILD = "dev.reproject.rebuild.cli.RebuildMain";
    public static final String LIVE = "dev.reproject.live.cli.LiveMain";

    /** What a finished run left. */
    public record Result(String name, int exit, String out, String err, double seconds, GcSamples gc) {

        public boolean outOfMemory() {
            return err.contains("OutOfMemoryError");
        }

        /** The last {@code lines} lines of stderr. */
        public String errTail(int lines) {
            List<String> all = err.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    private final String name;
    private final Process process;
    private final Path dir;
    private final long started = System.nanoTime();

    private JavaProcess(String name, Process process, Path dir) {
        this.name = name;
        this.process = process;
        this.dir = dir;
    }

    /** Starts {@code mainClass} with {@code args} and {@code -Xmx<heap>}; files {@code <dir>/<name>.*}. */
    public static JavaProcess start(LocalServers servers, Path dir, String name, String heap, String mainClass,
                                    List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                GcSamples.option(dir.resolve(name + ".gc.log")), "-cp", System.getProperty("java.class.path"),
                ParentWatchdog.class.getName(), Long.toString(ProcessHandle.current().pid()), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", servers.credentials().accessKeyId());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", servers.credentials().secretAccessKey());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // where snapshot, rebuild and live keep their leases (the command line's --dynamodb-endpoint wins)
        builder.environment().put("REPROJECT_DYNAMODB_ENDPOINT", servers.dynamoDbEndpoint().toString());
        try {
            return new JavaProcess(name, builder.start(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    /** Runs to the end, or kills it after {@code timeoutSeconds} (exit -1 then: a stall). */
    public static Result run(LocalServers servers, Path dir, String name, String heap, String mainClass,
                             List<String> args, long timeoutSeconds) {
        JavaProcess process = start(servers, dir, name, heap, mainClass, args);
        return process.await(timeoutSeconds);
    }

    public Result await(long timeoutSeconds) {
        try {
            boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            return result(ended ? process.exitValue() : -1);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
    }

    /** SIGTERM, then waits up to {@code timeoutSeconds} (SIGKILL after that: exit -1). */
    public Result terminate(long timeoutSeconds) {
        process.destroy();
        return await(timeoutSeconds);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path gcLog() {
        return dir.resolve(name + ".gc.log");
    }

    public Path errFile() {
        return dir.resolve(name + ".err");
    }

    private Result result(int exit) {
        return new Result(name, exit, read(dir.resolve(name + ".out")), read(dir.resolve(name + ".err")),
                (System.nanoTime() - started) / 1e9, GcSamples.read(gcLog()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
