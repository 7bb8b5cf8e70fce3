package dev.reproject.rebuild.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.LeaseOptions;
import dev.reproject.cli.api.ProgressOptions;
import dev.reproject.core.retry.Sleeper;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.Views;
import dev.reproject.rebuild.Capacity;
import dev.reproject.rebuild.DynamoTarget;
import dev.reproject.rebuild.RebuildJob;
import dev.reproject.rebuild.RebuildOutcome;
import dev.reproject.rebuild.RebuildPlan;
import dev.reproject.rebuild.RebuildPlanner;
import dev.reproject.rebuild.RebuildRequest;
import dev.reproject.rebuild.imports.DynamoTableImport;
import dev.reproject.spark.job.JobOptions;
import dev.reproject.spark.job.JobRun;
import dev.reproject.spark.progress.JobProgress;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
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
        "--allow-empty). With --import, a new table is created by DynamoDB's ImportTable instead."})
public final class RebuildCommand implements Callable<Integer> {

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

    @Option(names = "--table", paramLabel = "NAME", description = "The target table (default: the view's table name).")
    String table;

    @Option(names = "--snapshot", paramLabel = "ID",
            description = "The snapshot to load (default: the latest committed).")
    String snapshot;

    @Option(names = "--write-rate", paramLabel = "N",
            description = "Items/s in all, shared out across the writer tasks "
                    + "(default: no limit).")
    Double writeRate;

    @Option(names = "--writers-per-task", paramLabel = "N", description = "Writers each writer task runs at once, "
            + "each sending its own BatchWriteItem calls (default: " + DynamoTarget.DEFAULT_WRITERS_PER_TASK + "; "
            + "the writer tasks are as many as Spark runs at once).")
    Integer writersPerTask;

    @Option(names = "--provisioned", paramLabel = "R,W", description = "Create a missing table with provisioned "
            + "capacity: R read and W write units, for the table and each index (default: on-demand).")
    String provisioned;

    @Option(names = "--dry-run", description = "Write nothing: say what the rebuild would load (snapshot, files, "
            + "items, bytes, write units, calls), its on-demand cost and its time at --write-rate; needs no DynamoDB.")
    boolean dryRun;

    @Option(names = "--price-per-million-writes", paramLabel = "USD", description = "With --dry-run: the on-demand "
            + "price of a million write request units (default: ${DEFAULT-VALUE}, " + DryRunReports.PRICE_SOURCE
            + ").", defaultValue = DryRunReports.US_EAST_1_PRICE)
    double pricePerMillionWrites;

    @Option(names = "--import", description = "Create the table (which must not exist) with DynamoDB's ImportTable "
            + "from the items written as GZIP DynamoDB JSON beside the snapshots (--snapshots on S3): no write capacity "
            + "consumed, billed per GB of the files uncompressed. With --dry-run: the cost of both ways.")
    boolean importTable;

    @Option(names = "--price-per-gb-imported", paramLabel = "USD", description = "With --dry-run --import: the price "
            + "of importing a GB (2^30 bytes) of uncompressed source data (default: ${DEFAULT-VALUE}, "
            + DryRunReports.IMPORT_PRICE_SOURCE + ").", defaultValue = DryRunReports.US_EAST_1_IMPORT_PRICE)
    double pricePerGbImported;

    @Override
    public Integer call() throws Exception {
        if (importTable && (writeRate != null || writersPerTask != null)) {
            throw new IllegalArgumentException("--import writes no items to the table (ImportTable does): "
                    + "--write-rate and --writers-per-task do not apply to it");
        }
        if (writeRate != null && writeRate <= 0) {
            throw new IllegalArgumentException("--write-rate must be more than 0 items/s, was " + writeRate);
        }
        if (writersPerTask != null && (writersPerTask < 1 || writersPerTask > 64)) {
            throw new IllegalArgumentException("--writers-per-task must be from 1 to 64, was " + writersPerTask);
        }
        job.validate();
        Optional<Capacity> capacity = Optional.ofNullable(provisioned).map(Capacity::parse);
        String tableName = table != null ? table : Views.byName(common.view()).table().defaultName();
        WriteOptions write = writeRate == null ? WriteOptions.DEFAULT
                : WriteOptions.DEFAULT.withItemsPerSecond(writeRate);
        AwsSettings aws = AwsSettings.of(common.endpoints()); // one region for the driver, the writers and s3a
        DynamoTarget target = new DynamoTarget(DynamoConnection.of(common.dynamoDbEndpoint(), aws.region()), tableName,
                common.view(), write, DynamoTarget.ClientWrapper.NONE,
                writersPerTask == null ? DynamoTarget.DEFAULT_WRITERS_PER_TASK : writersPerTask);
        if (pricePerMillionWrites < 0 || Double.isNaN(pricePerMillionWrites)) {
            throw new IllegalArgumentException("--price-per-million-writes must be 0 or more, was "
                    + pricePerMillionWrites);
        }
        if (pricePerGbImported < 0 || Double.isNaN(pricePerGbImported)) {
            throw new IllegalArgumentException("--price-per-gb-imported must be 0 or more, was " + pricePerGbImported);
        }
        RebuildRequest request = new RebuildRequest(job.archive(), common.view(),
                Optional.ofNullable(snapshot).map(SnapshotId::new), target, job.allowGaps(), capacity,
                job.allowEmpty());
        SparkSession spark = job.session("reproject rebuild", common, aws.region());
        try {
            return dryRun ? plan(spark, request) : run(spark, request, aws);
        } finally {
            spark.stop();
        }
    }

    private int plan(SparkSession spark, RebuildRequest request) throws Exception {
        RebuildPlan plan = new RebuildPlanner(spark, job.snapshotStore(spark), Clock.systemUTC()).plan(request,
                importTable);
        DryRunReports report = new DryRunReports(plan, pricePerMillionWrites, Optional.ofNullable(writeRate),
                importTable ? Optional.of(pricePerGbImported) : Optional.empty());
        PrintWriter out = spec.commandLine().getOut();
        out.println(job.json() ? Json.line(report.toMap()) : report.text());
        out.flush();
        return ExitCodes.OK;
    }

    @SuppressWarnings("try") // the progress lines last as long as the block, unreferenced in it
    private int run(SparkSession spark, RebuildRequest request, AwsSettings aws) throws Exception {
        SnapshotStore store = job.snapshotStore(spark);
        JobRun run = job.run("rebuild", common.view(), store, Clock.systemUTC());
        RebuildOutcome outcome;
        try (DynamoDbClient catalogClient = AwsClients.dynamoDb(aws);
             JobProgress lines = JobProgress.start(spark, progress, spec.commandLine().getErr(),
                     new RebuildProgress(Clock.systemUTC()))) {
            DynamoCatalog catalog = new DynamoCatalog(catalogClient, common.catalogTable(), Clock.systemUTC());
            RebuildJob rebuild = new RebuildJob(spark, store, catalog, lease.leasing(catalog.leases()),
                    Clock.systemUTC());
            outcome = importTable ? rebuild.runImport(request, new DynamoTableImport(catalogClient, Sleeper.SYSTEM))
                    : rebuild.run(request);
        } catch (Exception e) {
            run.failed(e);
            throw e;
        }
        boolean tooMany = job.tooManyRejected(outcome.totalRejected(),
                "the table is loaded; see " + outcome.rejectedDir(), spec.commandLine().getErr());
        int status = tooMany ? ExitCodes.TOO_MANY_REJECTED : ExitCodes.OK;
        Map<String, Object> summary = run.ended(status, RebuildReports.toMap(outcome, aws.region()));
        PrintWriter out = spec.commandLine().getOut();
        out.println(job.json() ? Json.line(summary) : RebuildReports.text(outcome, aws.region()));
        out.flush();
        return status;
    }
}
