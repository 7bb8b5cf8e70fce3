package dev.reproject.sandbox;

/** A server process the sandbox started and must stop. */
interface StartedServer {

    /** The server's process id, for the log line that says where it runs. */
    long pid();

    /** Stops the process; idempotent. */
    void stop();
}
