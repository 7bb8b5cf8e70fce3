package dev.reproject.sandbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Main class wrapper for the sandbox's Java servers: {@code ParentWatchdog PARENT_PID MAIN_CLASS [ARGS...]}.
 * A JVM killed with SIGKILL (an IDE's stop button, a timed-out CI job) runs no shutdown hook and cannot stop its
 * children, which would then hold ports, disk and half a gigabyte each forever. So the child watches its parent
 * and exits when it is gone.
 *
 * <p>JDK only: it runs on the servers' classpaths, which have no slf4j of ours.
 */
public final class ParentWatchdog {

    private static final long POLL_MILLIS = 1_000;
    /** A server whose shutdown hooks hang must still go away. */
    private static final long HALT_AFTER_MILLIS = 15_000;

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog PARENT_PID MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        // Taken once: a handle remembers the process's start time, so a recycled pid does not look alive.
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(args[0]));
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err
                    .println("ParentWatchdog: parent process " + args[0] + " is not running, not starting " + args[1]);
            System.exit(1);
        }
        daemon("parent-watchdog", () -> watch(parent.get())).start();

        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watch(ProcessHandle parent) {
        try {
            while (parent.isAlive()) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            return;
        }
        System.err.println("ParentWatchdog: parent process " + parent.pid() + " is gone, exiting");
        daemon("parent-watchdog-halt", ParentWatchdog::haltLater).start();
        System.exit(1);
    }

    private static void haltLater() {
        try {
            Thread.sleep(HALT_AFTER_MILLIS);
        } catch (InterruptedException e) {
            // halt anyway
        }
        Runtime.getRuntime().halt(1);
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
