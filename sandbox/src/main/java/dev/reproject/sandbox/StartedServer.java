package dev.reproject.sandbox;

/** A server process the sandbox started and must stop. */
abstract class StartedServer {

    private final ManagedProcess process;

    StartedServer(ManagedProcess process) {
        this.process = process;
    }

    /** The server's process id, for the log line that says where it runs. */
    final long pid() {
        return process.pid();
    }

    /** Stops the process; idempotent. */
    final void stop() {
        process.stop();
    }
}
