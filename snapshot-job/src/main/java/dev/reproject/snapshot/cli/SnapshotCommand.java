package dev.reproject.snapshot.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.LeaseOptions;
import dev.reproject.cli.api.ProgressOptions;
import dev.reproject.core.snapshot.CompactionPolicy;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.job.JobOptions;
import dev.reproject.spark.job.JobRun;
import dev.reproject.spark.progress.JobProgress;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code reproject snapshot}: step 1. The same command runs under spark-submit through {@link SnapshotMain}.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = {
        "Step 1: folds the events archived since the latest snapshot into a new snapshot of every view item.",
        "With nothing new archived it commits nothing. Exit 3 when more records were rejected than --max-rejected;",
        "exit 4 when the archive root holds no file of the view's topics (unless --allow-empty)."})
public final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JobOptions job;

    @Mixin
    LeaseOptions lease;

    @Mixin
    ProgressOptions progress;

    @Spec
    CommandSpec spec;

    @Option(names = "--full",
            description = "Recompute from the whole archive instead of continuing the latest snapshot.")
    boolean full;

    @Option(names = "--compact", description = "Continuing the latest snapshot, rewrite every row into one new base "
            + "instead of adding a layer of the keys the new events touch.")
    boolean compact;

    @Option(names = "--max-layers", paramLabel = "N", defaultValue = "" + CompactionPolicy.DEFAULT_MAX_LAYERS,
            description = "Compact when the latest snapshot has N layers already, its base included "
                    + "(default: ${DEFAULT-VALUE}; 1 compacts every run).")
    int maxLayers;

    @Option(names = "--max-layer-ratio", paramLabel = "R", defaultValue = "" + CompactionPolicy.DEFAULT_MAX_LAYER_RATIO,
            description = "Compact when the latest snapshot's layers above its base hold more than R times the "
                    + "base's bytes (default: ${DEFAULT-VALUE}).")
    double maxLayerRatio;

    @Override
    public Integer call() throws Exception {
        job.validate();
        CompactionPolicy compaction;
        try {
            compaction = new CompactionPolicy(maxLayers, maxLayerRatio);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (full && compact) {
            throw new ParameterException(spec.commandLine(), "--full and --compact exclude each other: a full run "
                    + "writes one base already");
        }
        AwsSettings aws = AwsSettings.of(common.endpoints()); // the region, for the lease's client and s3a
        SparkSession spark = job.session("reproject snapshot", common, aws.region());
        try {
            return run(spark, aws, compaction);
        } finally {
            spark.stop();
        }
    }

    @SuppressWarnings("try") // the progress lines last as long as the block, unreferenced in it
    private int run(SparkSession spark, AwsSettings aws, CompactionPolicy compaction) throws Exception {
        SnapshotStore store = job.snapshotStore(spark);
        JobRun run = job.run("snapshot", common.view(), store, Clock.systemUTC());
        SnapshotOutcome outcome;
        try (DynamoDbClient catalogClient = AwsClients.dynamoDb(aws);
             JobProgress lines = JobProgress.start(spark, progress, spec.commandLine().getErr(),
                     JobProgress.reading("snapshot", Clock.systemUTC()))) {
            DynamoCatalog catalog = new DynamoCatalog(catalogClient, common.catalogTable(), Clock.systemUTC());
            outcome = new SnapshotJob(spark, store, lease.leasing(catalog.leases()), Clock.systemUTC())
                    .run(new SnapshotRequest(job.archive(), common.view(), full, job.allowGaps(), job.allowEmpty(),
                            compact, compaction));
        } catch (Exception e) {
            run.failed(e);
            throw e;
        }
        int status = ExitCodes.OK;
        if (outcome instanceof SnapshotOutcome.Committed committed) {
            SnapshotManifest m = committed.manifest();
            if (job.tooManyRejected(m.counts().totalRejected(), "snapshot " + m.id() + " is committed; see "
                    + m.rejected(), spec.commandLine().getErr())) {
                status = ExitCodes.TOO_MANY_REJECTED;
            }
        }
        Map<String, Object> summary = run.ended(status, SnapshotReports.toMap(outcome, aws.region()));
        PrintWriter out = spec.commandLine().getOut();
        out.println(job.json() ? Json.line(summary) : SnapshotReports.text(outcome, aws.region()));
        out.flush();
        return status;
    }
}
