package dev.reproject.rebuild.cli;

import dev.reproject.cli.api.JobMain;

/**
 * The rebuild job's main class for {@code spark-submit}: the same options as {@code reproject rebuild}.
 * Ends as {@link JobMain} says: with the command's exit status in client mode, by returning or throwing
 * {@link dev.reproject.cli.api.JobFailedException} in cluster mode.
 */
public final class RebuildMain {

    private RebuildMain() {
    }

    public static void main(String[] args) {
        JobMain.main("rebuild", new RebuildCommand(), args);
    }
}
