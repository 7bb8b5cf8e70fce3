package dev.reproject.snapshot.cli;

import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.job.JobOptions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code reproject snapshot}: step 1. The same command runs under spark-submit through {@link SnapshotMain}.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = {
        "Step 1: folds the events archived since the latest snapshot into a new snapshot of every view item.",
        "With nothing new archived it commits nothing. Exit 3 when more records were rejected than --max-rejected."})
public final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JobOptions job;

    @Spec
    CommandSpec spec;

    @Option(names = "--full",
            description = "Recompute from the whole archive instead of continuing the latest snapshot.")
    boolean full;

    @Option(names = "--max-rejected", paramLabel = "N",
            description = "Exit 3 (after committing) when more than N records are rejected (default: no limit).")
    Long maxRejected;

    @Override
    public Integer call() throws Exception {
        if (maxRejected != null && maxRejected < 0) {
            throw new IllegalArgumentException("--max-rejected must be 0 or more, was " + maxRejected);
        }
        SparkSession spark = job.session("reproject snapshot", common);
        SnapshotOutcome outcome;
        try {
            outcome = new SnapshotJob(spark, job.snapshotStore(spark), Clock.systemUTC())
                    .run(new SnapshotRequest(job.archive(), common.view(), full, job.allowGaps()));
        } finally {
            spark.stop();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(job.json() ? Json.line(SnapshotReports.toMap(outcome)) : SnapshotReports.text(outcome));
        out.flush();
        if (outcome instanceof SnapshotOutcome.Committed committed && maxRejected != null
                && committed.manifest().counts().totalRejected() > maxRejected) {
            SnapshotManifest m = committed.manifest();
            spec.commandLine().getErr().printf("reproject: %d records rejected, more than --max-rejected %d "
                    + "(snapshot %s is committed; see %s)%n", m.counts().totalRejected(), maxRejected, m.id(),
                    m.rejected());
            return ExitCodes.TOO_MANY_REJECTED;
        }
        return ExitCodes.OK;
    }
}
