package dev.reproject.sandbox;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * dynalite, the DynamoDB-compatible server, in memory: {@code node dynalite.js PORT} with node from the PATH.
 * The launcher exits by itself when this JVM goes away (it watches its parent pid).
 */
final class DynaliteServer extends StartedServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;

    private DynaliteServer(ManagedProcess process, URI endpoint) {
        super(process);
        this.endpoint = endpoint;
    }

    /** Starts dynalite from {@code dynaliteDir} on a free port, logging to {@code dir}. */
    static DynaliteServer start(Path dynaliteDir, Path dir) {
        return start(dynaliteDir, dir, FreePort.pick());
    }

    /** Starts dynalite on {@code port}: again on the port of one that was stopped, it starts empty. */
    static DynaliteServer start(Path dynaliteDir, Path dir, int port) {
        Path launcher = dynaliteDir.resolve("dynalite.js");
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException("Not found: " + launcher + " (dynalite.dir=" + dynaliteDir
                    + "): point -D" + SandboxPaths.DYNALITE_DIR + "=... at the checkout's sandbox directory");
        }
        if (!Files.isDirectory(dynaliteDir.resolve("node_modules").resolve("dynalite"))) {
            throw new IllegalStateException("dynalite is not installed in " + dynaliteDir
                    + ": run `npm ci --prefix " + dynaliteDir + "` (from the checkout: `npm ci --prefix sandbox`)");
        }
        ManagedProcess process = ManagedProcess.start("dynalite",
                List.of("node", launcher.toString(), Integer.toString(port)),
                dynaliteDir, dir.resolve("dynalite.log"), List.of());
        try {
            process.awaitPort(port, START_TIMEOUT);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return new DynaliteServer(process, URI.create("http://127.0.0.1:" + port));
    }

    URI endpoint() {
        return endpoint;
    }
}
