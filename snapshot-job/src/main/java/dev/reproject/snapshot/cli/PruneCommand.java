package dev.reproject.snapshot.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.LeaseOptions;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.snapshot.prune.PruneOutcome;
import dev.reproject.snapshot.prune.SnapshotPruner;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.snapshot.SnapshotStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code reproject prune}: parses, and leaves the work to {@link SnapshotPruner}. No Spark. */
@Command(name = "prune", mixinStandardHelpOptions = true, description = {
        "Deletes a view's committed snapshots beyond the newest --keep N, never the latest and never one a LOADING,",
        "LOADED or LIVE rebuild in the catalog was built from (those are kept and named). Exit 8 when every",
        "snapshot beyond --keep is in use, so nothing could be pruned."})
public final class PruneCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    LeaseOptions lease;

    @Spec
    CommandSpec spec;

    @Option(names = "--snapshots", paramLabel = "URI", required = true,
            description = "Where snapshots live: <URI>/<view>/<snapshotId>/.")
    String snapshots;

    @Option(names = "--keep", paramLabel = "N", required = true,
            description = "How many of the newest committed snapshots to keep (1 or more).")
    int keep;

    @Option(names = "--dry-run", description = "Say what would be deleted, and delete nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one line of JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (keep < 1) {
            throw new IllegalArgumentException("--keep must be 1 or more (the latest snapshot is never pruned), was "
                    + keep);
        }
        AwsSettings aws = AwsSettings.of(common.endpoints());
        SnapshotStore store = SnapshotStore.withoutSpark(ArchiveRoot.of(snapshots),
                S3aSettings.of(common.s3Endpoint(), aws.region()));
        PruneOutcome outcome;
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(aws)) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
            if (!catalog.exists()) { // a mistyped --catalog-table would protect nothing
                throw new NotFoundException("no catalog table " + common.catalogTable() + ": prune keeps the "
                        + "snapshots its rebuilds need, so it needs the catalog (--catalog-table)");
            }
            outcome = new SnapshotPruner(store, catalog, lease.leasing(catalog.leases()))
                    .prune(common.view(), keep, dryRun);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(outcome.toJsonMap()));
        } else {
            outcome.lines().forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
