package dev.reproject.core.lease;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Owner names: {@code <host>/<pid>/<random>}, so that two runs never share one, even in one JVM. */
public final class LeaseOwner {

    private LeaseOwner() {
    }

    public static String fresh() {
        return host() + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
