package dev.reproject.snapshot.cli;

import dev.reproject.cli.api.CommandLines;
import picocli.CommandLine;

/**
 * The snapshot job's main class for {@code spark-submit}: takes the same options as
 * {@code reproject snapshot}, e.g. {@code spark-submit --class dev.reproject.snapshot.cli.SnapshotMain
 * snapshot-job.jar --archive s3://… --snapshots s3://…}.
 */
public final class SnapshotMain {

    private SnapshotMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.configure(new CommandLine(new SnapshotCommand()), System.getenv()).execute(args));
    }
}
