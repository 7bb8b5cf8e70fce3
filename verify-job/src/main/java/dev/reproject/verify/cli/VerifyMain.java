package dev.reproject.verify.cli;

import dev.reproject.cli.api.JobMain;

/**
 * The verify job's main class for {@code spark-submit}: the same options as {@code reproject verify}. Ends as
 * {@link JobMain} says: with the command's exit status in client mode, by returning or throwing
 * {@link dev.reproject.cli.api.JobFailedException} in cluster mode.
 */
public final class VerifyMain {

    private VerifyMain() {
    }

    public static void main(String[] args) {
        JobMain.main("verify", new VerifyCommand(), args);
    }
}
