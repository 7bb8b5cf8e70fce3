package dev.reproject.cli.api;

import java.net.InetSocketAddress;

/** The address a command listens on, from its host and port options ({@code serve}, {@code live --metrics-port}). */
public final class ListenAddresses {

    private ListenAddresses() {
    }

    /**
     * @param hostOption the host option's name, for messages
     * @param portOption the port option's name, for messages
     * @throws IllegalArgumentException for a port outside 0–65535 (0: any free one) or a host that does not resolve
     */
    public static InetSocketAddress of(String hostOption, String host, String portOption, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(portOption + " must be from 0 to 65535, was " + port);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(hostOption + " " + host + ": no such host or address");
        }
        return address;
    }
}
