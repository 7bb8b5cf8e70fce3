package dev.reproject.snapshot.cli;

import dev.reproject.cli.api.JobMain;

/**
 * The snapshot job's main class for {@code spark-submit}: takes the same options as
 * {@code reproject snapshot}, e.g. {@code spark-submit --class dev.reproject.snapshot.cli.SnapshotMain
 * snapshot-job.jar --archive s3://… --snapshots s3://…}.
 * Ends as {@link JobMain} says: with the command's exit status in client mode, by returning or throwing
 * {@link dev.reproject.cli.api.JobFailedException} in cluster mode.
 */
public final class SnapshotMain {

    private SnapshotMain() {
    }

    public static void main(String[] args) {
        JobMain.main("snapshot", new SnapshotCommand(), args);
    }
}
