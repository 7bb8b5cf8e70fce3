package dev.reproject.sandbox;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A server started on first use. Synchronized per server: two threads asking at once get one server, a second
 * server can start meanwhile, and {@link #stop()} waits for a start in progress so it never leaks a process.
 */
final class LazyServer<S extends StartedServer> {

    private final String name;
    private final Supplier<S> starter;
    private S server;
    private boolean stopped;

    LazyServer(String name, Supplier<S> starter) {
        this.name = name;
        this.starter = starter;
    }

    /** The running server, started now if it was not yet. A failed start is tried again on the next call. */
    synchronized S get() {
        if (stopped) {
            throw new IllegalStateException("The sandbox is closed: cannot start " + name);
        }
        if (server == null) {
            server = starter.get();
        }
        return server;
    }

    /** The server if it was started, without starting it. */
    synchronized Optional<S> ifStarted() {
        return Optional.ofNullable(server);
    }

    synchronized void stop() {
        stopped = true;
        if (server != null) {
            server.stop();
        }
    }
}
