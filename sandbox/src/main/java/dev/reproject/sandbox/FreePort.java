package dev.reproject.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free port on 127.0.0.1 by letting the kernel choose one. Another process could take it between our
 * close and the server's bind; the kernel hands out ephemeral ports round-robin, so that is rare, and a server
 * that fails to bind shows it in the start error.
 */
final class FreePort {

    private FreePort() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
        }
    }
}
