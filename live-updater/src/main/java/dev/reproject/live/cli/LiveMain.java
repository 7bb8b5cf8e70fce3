package dev.reproject.live.cli;

import dev.reproject.cli.api.CommandLines;
import picocli.CommandLine;

/** {@code reproject live} on its own (a service's entry point): the same options. */
public final class LiveMain {

    private LiveMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.configure(new CommandLine(new LiveCommand()), System.getenv()).execute(args));
    }
}
