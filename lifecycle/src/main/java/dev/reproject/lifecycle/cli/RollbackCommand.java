package dev.reproject.lifecycle.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.lifecycle.alias.AliasMover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code reproject rollback}: the view's alias back to the table it served before its last move. */
@Command(name = "rollback", mixinStandardHelpOptions = true, description = {
        "Serves the view from the table it served before the alias's last move again (query and serve follow).",
        "Unchecked, so that it is always quick; refused (exit 8) when there is no table before, or it was retired.",
        "One conditional write: if another move came first, exit 5 and nothing changes."})
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "",
            description = "Why, kept in the alias's history.")
    String note;

    @Override
    public Integer call() {
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(AwsSettings.of(common.endpoints()))) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
            AliasMover mover = new AliasMover(catalog, catalog.aliases(), Clock.systemUTC());
            return AliasOutcomes.report(spec, "rollback", "rolled back", mover.rollBack(common.view(), note));
        }
    }
}
