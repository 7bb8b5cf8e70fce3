package dev.reproject.rebuild.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.LeaseOptions;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.Views;
import dev.reproject.rebuild.Capacity;
import dev.reproject.rebuild.DynamoTarget;
import dev.reproject.rebuild.RebuildJob;
import dev.reproject.rebuild.RebuildOutcome;
import dev.reproject.rebuild.RebuildRequest;
import dev.reproject.spark.job.JobOptions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reproject rebuild}: step 2. The same command runs under spark-submit through {@link RebuildMain}.
 * Credentials come from the AWS default chain, in the driver and in every writer task.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true, description = {
        "Step 2: loads a snapshot plus the events archived after it into a DynamoDB table (created when",
        "missing: on-demand, or provisioned with --provisioned) and records the rebuild and its handoff",
        "watermark in the catalog. Exit 4 when the archive root holds no file of the view's topics (unless",
        "--allow-empty)."})
public final class RebuildCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JobOptions job;

    @Mixin
    LeaseOptions lease;

    @Spec
    CommandSpec spec;

    @Option(names = "--table", paramLabel = "NAME", description = "The target table (default: the view's table name).")
    String table;

    @Option(names = "--snapshot", paramLabel = "ID",
            description = "The snapshot to load (default: the latest committed).")
    String snapshot;

    @Option(names = "--write-rate", paramLabel = "N",
            description = "Items/s in all, shared out across the writer tasks "
                    + "(default: no limit).")
    Double writeRate;

    @Option(names = "--provisioned", paramLabel = "R,W", description = "Create a missing table with provisioned "
            + "capacity: R read and W write units, for the table and each index (default: on-demand).")
    String provisioned;

    @Override
    public Integer call() throws Exception {
        if (writeRate != null && writeRate <= 0) {
            throw new IllegalArgumentException("--write-rate must be more than 0 items/s, was " + writeRate);
        }
        job.validate();
        Optional<Capacity> capacity = Optional.ofNullable(provisioned).map(Capacity::parse);
        String tableName = table != null ? table : Views.byName(common.view()).table().defaultName();
        WriteOptions write = writeRate == null ? WriteOptions.DEFAULT
                : WriteOptions.DEFAULT.withItemsPerSecond(writeRate);
        AwsSettings aws = AwsSettings.of(common.endpoints()); // one region for the driver, the writers and s3a
        DynamoTarget target = new DynamoTarget(common.dynamoDbEndpoint().map(URI::toString).orElse(null),
                aws.region(), null, null, tableName, common.view(), write, DynamoTarget.ClientWrapper.NONE);
        SparkSession spark = job.session("reproject rebuild", common, aws.region());
        RebuildOutcome outcome;
        try (DynamoDbClient catalogClient = AwsClients.dynamoDb(aws)) {
            DynamoCatalog catalog = new DynamoCatalog(catalogClient, common.catalogTable(), Clock.systemUTC());
            outcome = new RebuildJob(spark, job.snapshotStore(spark), catalog, lease.leasing(catalog.leases()),
                    Clock.systemUTC())
                    .run(new RebuildRequest(
                            job.archive(), common.view(), Optional.ofNullable(snapshot).map(SnapshotId::new), target,
                            job.allowGaps(), capacity, job.allowEmpty()));
        } finally {
            spark.stop();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(job.json() ? Json.line(RebuildReports.toMap(outcome, aws.region()))
                : RebuildReports.text(outcome, aws.region()));
        out.flush();
        boolean tooMany = job.tooManyRejected(outcome.totalRejected(),
                "the table is loaded; see " + outcome.rejectedDir(), spec.commandLine().getErr());
        return tooMany ? ExitCodes.TOO_MANY_REJECTED : ExitCodes.OK;
    }
}
