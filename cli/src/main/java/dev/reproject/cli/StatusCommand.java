package dev.reproject.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.alias.Serving;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.LagAlerts;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.snapshot.SnapshotStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code reproject status}: a view's committed snapshots and its rebuilds in the catalog, read only. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
        "Shows which table serves a view (its alias: target, version, last move), its committed snapshots (with",
        "--snapshots), and its rebuilds in the catalog as a table: status (LOADING, LOADED, LIVE, RETIRED), lag,",
        "the live updater's last report and the last verify (relative times) and what it found; then each",
        "rebuild's handoff watermark, counts and lag per partition. --json gives all of it, times as instants.",
        "With --max-lag N it exits 6 when a live updater's last report has a partition lagging by more than N."})
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--snapshots", paramLabel = "URI",
            description = "Where snapshots live: <URI>/<view>/<snapshotId>/.")
    String snapshots;

    @Option(names = "--json", description = "Print one line of JSON.")
    boolean json;

    @Option(names = "--max-lag", paramLabel = "N", description = {"Exit 6 (and name them on stderr) when a "
            + "partition of a table's latest live rebuild lagged by more than N records at its last report: for "
            + "cron-style alerting."})
    Long maxLag;

    @Override
    public Integer call() throws IOException {
        if (maxLag != null && maxLag < 0) {
            throw new IllegalArgumentException("--max-lag must be 0 or more, was " + maxLag);
        }
        AwsSettings aws = AwsSettings.of(common.endpoints());
        Optional<URI> root = Optional.ofNullable(snapshots).map(ArchiveRoot::of);
        List<SnapshotManifest> manifests = root.isEmpty() ? List.of() : SnapshotStore.withoutSpark(root.get(),
                S3aSettings.of(common.s3Endpoint(), aws.region()))
                .list(common.view());
        boolean catalogExists;
        List<RebuildEntry> rebuilds;
        ViewAlias alias = ViewAlias.unset(common.view());
        ViewStatus.Served served = ViewStatus.Served.of(Optional.empty());
        Instant now;
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(aws)) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
            catalogExists = catalog.exists();
            rebuilds = catalogExists ? catalog.all().stream().filter(e -> e.view().equals(common.view())).toList()
                    : List.of();
            if (catalogExists) {
                alias = catalog.aliases().get(common.view());
                served = served(catalog, catalog.aliases());
            }
            now = Instant.now();
        }
        ViewStatus status = new ViewStatus(common.view(), root, manifests, common.catalogTable(), catalogExists,
                rebuilds, aws.region(), alias, served, now);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.line(StatusReports.toMap(status)) : StatusReports.text(status));
        out.flush();
        if (maxLag == null) {
            return ExitCodes.OK;
        }
        List<LagAlerts.Lagging> lagging = LagAlerts.above(rebuilds, maxLag);
        PrintWriter err = spec.commandLine().getErr();
        lagging.forEach(l -> err.println("lagging: " + l.describe() + " > --max-lag " + maxLag));
        err.flush();
        return lagging.isEmpty() ? ExitCodes.OK : ExitCodes.LAGGING;
    }

    /** The rebuild query and serve read; an alias they cannot follow is shown, not thrown: status is for finding it. */
    private ViewStatus.Served served(RebuildCatalog catalog, AliasStore aliases) {
        try {
            return ViewStatus.Served.of(Serving.served(catalog, aliases, common.view()).map(RebuildEntry::id));
        } catch (IllegalStateException e) {
            return ViewStatus.Served.broken(e.getMessage());
        }
    }
}
