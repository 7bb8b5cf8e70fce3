package dev.reproject.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server process: started with its output in a log file (never on our stdout, where it would drown the
 * test report), waited for until its port answers, stopped with its descendants.
 */
final class ManagedProcess {

    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 40;
    private static final int TAIL_BYTES = 16 * 1024;

    private final String name;
    private final Process process;
    private final List<Path> logs;
    private boolean stopped;

    private ManagedProcess(String name, Process process, List<Path> logs) {
        this.name = name;
        this.process = process;
        this.logs = logs;
    }

    /**
     * Starts {@code command} in {@code workingDir}, its stdout and stderr appended to {@code logFile}.
     * {@code otherLogs} are files the process writes itself; their tails go into start errors too.
     */
    static ManagedProcess start(String name, List<String> command, Path workingDir, Path logFile,
                                List<Path> otherLogs) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        log.debug("Starting {}: {}", name, command);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        List<Path> logs = new ArrayList<>();
        logs.add(logFile);
        logs.addAll(otherLogs);
        return new ManagedProcess(name, process, List.copyOf(logs));
    }

    /** Runs a short-lived command to its end; fails unless it exits with 0 within {@code timeout}. */
    static void run(String name, List<String> command, Path workingDir, Path logFile, Duration timeout) {
        ManagedProcess managed = start(name, command, workingDir, logFile, List.of());
        try {
            if (!managed.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + timeout + managed.diagnostics());
            }
            if (managed.process.exitValue() != 0) {
                throw new IllegalStateException(
                        name + " failed with exit code " + managed.process.exitValue() + managed.diagnostics());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + name, e);
        } finally {
            managed.stop();
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * Returns when 127.0.0.1:{@code port} accepts a connection. Fails early if the process exits, and after
     * {@code timeout} otherwise, with the tail of its logs (a bind error or a stack trace is usually there).
     */
    void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before port " + port + " opened" + diagnostics());
            }
            if (accepts(port)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not open port 127.0.0.1:" + port + " within " + timeout
                        + diagnostics());
            }
            sleep(50);
        }
    }

    /** The end of each log of this process, for error messages. */
    String diagnostics() {
        StringBuilder text = new StringBuilder();
        for (Path file : logs) {
            text.append(System.lineSeparator()).append("--- last lines of ").append(file).append(" ---")
                    .append(System.lineSeparator()).append(tail(file));
        }
        return text.toString();
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to 10 s, then kills it; the same for any
     * process it started. Idempotent.
     */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        // Taken before the parent goes: once it has exited, its children are re-parented and no longer listed.
        List<ProcessHandle> descendants = process.descendants().toList();
        terminate(process.toHandle());
        descendants.forEach(ManagedProcess::terminate);
        log.debug("Stopped {} (pid {}, alive: {})", name, process.pid(), process.isAlive());
    }

    private static void terminate(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Process {} did not stop within {} after SIGTERM: killing it", handle.pid(), STOP_GRACE);
        }
        handle.destroyForcibly();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("Process {} is still alive after SIGKILL", handle.pid());
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path file) {
        if (!Files.exists(file)) {
            return "(no such file)";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            // never hide the start error behind an error about its log
            return "(cannot read: " + e + ")";
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a server to start", e);
        }
    }
}
