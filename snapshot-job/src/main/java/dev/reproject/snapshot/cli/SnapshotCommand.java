package dev.reproject.snapshot.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.LeaseOptions;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.time.Clock;
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

    @Spec
    CommandSpec spec;

    @Option(names = "--full",
            description = "Recompute from the whole archive instead of continuing the latest snapshot.")
    boolean full;

    @Override
    public Integer call() throws Exception {
        job.validate();
        AwsSettings aws = AwsSettings.of(common.endpoints()); // the region, for the lease's client and s3a
        SparkSession spark = job.session("reproject snapshot", common, aws.region());
        SnapshotOutcome outcome;
        try (DynamoDbClient catalogClient = AwsClients.dynamoDb(aws)) {
            DynamoCatalog catalog = new DynamoCatalog(catalogClient, common.catalogTable(), Clock.systemUTC());
            outcome = new SnapshotJob(spark, job.snapshotStore(spark), lease.leasing(catalog.leases()),
                    Clock.systemUTC())
                    .run(new SnapshotRequest(job.archive(), common.view(), full, job.allowGaps(), job.allowEmpty()));
        } finally {
            spark.stop();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(job.json() ? Json.line(SnapshotReports.toMap(outcome, aws.region()))
                : SnapshotReports.text(outcome, aws.region()));
        out.flush();
        if (outcome instanceof SnapshotOutcome.Committed committed) {
            SnapshotManifest m = committed.manifest();
            if (job.tooManyRejected(m.counts().totalRejected(), "snapshot " + m.id() + " is committed; see "
                    + m.rejected(), spec.commandLine().getErr())) {
                return ExitCodes.TOO_MANY_REJECTED;
            }
        }
        return ExitCodes.OK;
    }
}
