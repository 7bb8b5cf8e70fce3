package dev.reproject.cli;

import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.ParentWatchdog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code reproject live} in a JVM of its own, as a service runs it (under the sandbox's {@link ParentWatchdog}, which
 * only ends it should the test JVM die), credentials in its environment; stderr (the log) and stdout to files.
 */
record LiveProcess(String name, Process process, Path log, Path out) {

    static LiveProcess start(LocalServers servers, String name, Path dir, String table, String catalog,
                             String... more)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ParentWatchdog.class.getName(),
                Long.toString(ProcessHandle.current().pid()), "dev.reproject.live.cli.LiveMain",
                "--bootstrap-servers", servers.kafkaBootstrapServers(), "--table", table, "--catalog-table", catalog,
                "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--region", servers.region(),
                "--max-in-flight", "8", "--report-interval", "1",
                // a killed run keeps the table's lease until it expires: the next one waits for it
                "--lease-ttl", "10", "--lease-wait", "60"));
        command.addAll(List.of(more));
        Path log = dir.resolve(name + ".log");
        Path out = dir.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", servers.credentials().accessKeyId());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", servers.credentials().secretAccessKey());
        return new LiveProcess(name, builder.start(), log, out);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " outlived SIGKILL by 30 s");
        }
    }

    /** SIGTERM; its exit status once it ended (within {@code seconds}). */
    int terminate(long seconds) throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end within " + seconds + " s of SIGTERM; log:\n" + tail());
        }
        return process.exitValue();
    }

    /** The last 40 lines of its log. */
    String tail() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    String stdout() throws IOException {
        return Files.readString(out).trim();
    }
}
