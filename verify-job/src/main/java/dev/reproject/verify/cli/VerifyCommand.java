package dev.reproject.verify.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.verify.KeySample;
import dev.reproject.spark.job.JobOptions;
import dev.reproject.spark.job.JobRun;
import dev.reproject.spark.snapshot.SnapshotStore;
import dev.reproject.verify.DynamoSource;
import dev.reproject.verify.VerifiedTable;
import dev.reproject.verify.VerifyJob;
import dev.reproject.verify.VerifyOutcome;
import dev.reproject.verify.VerifyRequest;
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
 * {@code reproject verify}: a table compared with the view recomputed from its latest snapshot and the archive after
 * it. The same command runs under spark-submit through {@link VerifyMain}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Compares a table with the view recomputed from its latest snapshot and the events archived after it,",
        "key by key, by the aggregates' markers: equal, ahead (live applied events not archived yet: fine),",
        "diverged, behind, missing or extra. Prints the counts and a sample of differences, writes the full",
        "report to <snapshots>/<view>/verify/<run id>.json and records the result in the table's catalog entry.",
        "Exit 7 when a key diverged, is behind, missing or extra. Reads the table, never writes it."})
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JobOptions job;

    @Spec
    CommandSpec spec;

    @Option(names = "--table", paramLabel = "NAME", description = "The table to verify; its latest catalog entry "
            + "gets the result (default: the table serving the view: its alias, else its newest LIVE or LOADED "
            + "rebuild).")
    String table;

    @Option(names = "--rebuild", paramLabel = "ID", description = "The rebuild <table>@<snapshotId> whose table to "
            + "verify and whose catalog entry gets the result.")
    String rebuild;

    @Option(names = "--sample", paramLabel = "F", description = "Check this fraction of the keys, more than 0 and at "
            + "most 1, chosen by a hash of the key, the same keys every time (default: ${DEFAULT-VALUE}: all). The "
            + "whole table is still read.", defaultValue = "1")
    double sample;

    @Option(names = "--read-rate", paramLabel = "N", description = "Read units/s for the whole scan, shared out "
            + "across its segments (default: no limit).")
    Double readRate;

    @Option(names = "--segments", paramLabel = "N", description = "Segments of the parallel scan, one Spark task "
            + "each (default: the Spark session's parallelism).")
    Integer segments;

    @Override
    public Integer call() throws Exception {
        if (readRate != null && !(readRate > 0)) {
            throw new IllegalArgumentException("--read-rate must be more than 0 read units/s, was " + readRate);
        }
        if (job.maxRejected().isPresent()) { // the common job options have it; verify writes no output to reject
            throw new IllegalArgumentException("--max-rejected is for snapshot and rebuild; verify counts no "
                    + "rejected records: leave it out");
        }
        KeySample keys = new KeySample(sample);
        job.validate();
        AwsSettings aws = AwsSettings.of(common.endpoints());
        SparkSession spark = job.session("reproject verify", common, aws.region());
        try (DynamoDbClient catalogClient = AwsClients.dynamoDb(aws)) {
            DynamoCatalog catalog = new DynamoCatalog(catalogClient, common.catalogTable(), Clock.systemUTC());
            VerifiedTable chosen = VerifiedTable.choose(catalog, catalog.aliases(), common.view(),
                    Optional.ofNullable(table), Optional.ofNullable(rebuild).map(RebuildId::new));
            DynamoSource source = new DynamoSource(DynamoConnection.of(common.dynamoDbEndpoint(), aws.region()),
                    chosen.table(), common.view());
            SnapshotStore store = job.snapshotStore(spark);
            JobRun run = job.run("verify", common.view(), store, Clock.systemUTC());
            VerifyRequest request = new VerifyRequest(job.archive(), common.view(), source,
                    chosen.entry().map(RebuildEntry::id), keys, readRate == null ? 0 : readRate,
                    segments != null ? segments : spark.sparkContext().defaultParallelism(), run.runId(),
                    job.allowGaps(), job.allowEmpty());
            VerifyOutcome outcome;
            try {
                outcome = new VerifyJob(spark, store, catalog, Clock.systemUTC()).run(request);
            } catch (Exception e) {
                run.failed(e);
                throw e;
            }
            int status = outcome.clean() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
            Map<String, Object> summary = run.ended(status, VerifyReports.toMap(outcome, aws.region()));
            PrintWriter out = spec.commandLine().getOut();
            out.println(job.json() ? Json.line(summary) : VerifyReports.text(outcome));
            out.flush();
            return status;
        } finally {
            spark.stop();
        }
    }
}
