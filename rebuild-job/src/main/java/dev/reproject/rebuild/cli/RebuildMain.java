package dev.reproject.rebuild.cli;

import dev.reproject.cli.api.CommandLines;
import picocli.CommandLine;

/** The rebuild job's main class for {@code spark-submit}: the same options as {@code reproject rebuild}. */
public final class RebuildMain {

    private RebuildMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.configure(new CommandLine(new RebuildCommand()), System.getenv()).execute(args));
    }
}
