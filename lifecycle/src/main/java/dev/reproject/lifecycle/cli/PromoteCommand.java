package dev.reproject.lifecycle.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.lifecycle.alias.AliasMover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code reproject promote <table>@<snapshot>}: the view's alias to that rebuild's table, if it passes the checks. */
@Command(name = "promote", mixinStandardHelpOptions = true, description = {
        "Makes a rebuild's table the one that serves its view (the view's alias in the catalog): query and serve",
        "read it from then on (serve within a few seconds). Only when the rebuild is LIVE, no partition lagged by",
        "more than --max-lag records at its last report, and its latest verify is clean and newer than its load;",
        "else exit 8 with each reason on stderr. --force moves it anyway and records the reasons in the alias's",
        "history. The move is one conditional write: if another move came first, exit 5 and nothing changes."})
final class PromoteCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<table>@<snapshot>",
            description = "The rebuild to serve, as 'reproject status' and 'reproject rebuild' name it.")
    String rebuild;

    @Option(names = "--max-lag", paramLabel = "N", description = "Records a partition may lag by at the rebuild's "
            + "last live report (default: ${DEFAULT-VALUE}).", defaultValue = "" + AliasMover.DEFAULT_MAX_LAG)
    long maxLag;

    @Option(names = "--force", description = "Promote even if the checks fail; the reasons are recorded. A RETIRED "
            + "or LOADING rebuild is refused all the same.")
    boolean force;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "",
            description = "Why, kept in the alias's history.")
    String note;

    @Override
    public Integer call() {
        RebuildId id = new RebuildId(rebuild);
        if (maxLag < 0) {
            throw new IllegalArgumentException("--max-lag must be 0 or more, was " + maxLag);
        }
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(AwsSettings.of(common.endpoints()))) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
            AliasMover mover = new AliasMover(catalog, catalog.aliases(), Clock.systemUTC());
            return AliasOutcomes.report(spec, "promote", "promoted",
                    mover.promote(common.view(), id, maxLag, force, note));
        }
    }
}
