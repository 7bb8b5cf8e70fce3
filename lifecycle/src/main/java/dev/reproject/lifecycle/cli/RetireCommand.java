package dev.reproject.lifecycle.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.KafkaOptions;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.lifecycle.retire.DynamoTables;
import dev.reproject.lifecycle.retire.KafkaConsumerGroups;
import dev.reproject.lifecycle.retire.RetireOutcome;
import dev.reproject.lifecycle.retire.Retirement;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code reproject retire <table>@<snapshot>}: parses, and leaves the work to {@link Retirement}. */
@Command(name = "retire", mixinStandardHelpOptions = true, description = {
        "Retires a rebuild no view is served from: marks its catalog entry RETIRED (its live updater stops at its",
        "next report), waits for the updater to leave the rebuild's consumer group, then deletes the table and the",
        "group. Refused (exit 8, naming it) for a table a view's alias points at or, before anything was promoted,",
        "the table 'query' and 'serve' read. Running it again finishes what is left, or says nothing is."})
public final class RetireCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE@SNAPSHOT", description = "The rebuild to retire, as in 'status'.")
    String rebuild;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60", description = {"How long to wait for the "
            + "rebuild's live updaters to stop and leave its consumer group (default: ${DEFAULT-VALUE})."})
    double waitSeconds;

    @Option(names = "--json", description = "Print one line of JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(waitSeconds >= 0)) {
            throw new IllegalArgumentException("--wait must be 0 seconds or more, was " + waitSeconds);
        }
        RebuildId id = new RebuildId(rebuild);
        KafkaClients kafkaClients = new KafkaClients(kafka.clientConfig());
        AwsSettings aws = AwsSettings.of(common.endpoints());
        RetireOutcome outcome;
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(aws);
             Admin admin = kafkaClients.admin("reproject-retire")) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
            Retirement retirement = new Retirement(catalog, catalog.aliases(), new DynamoTables(dynamo),
                    new KafkaConsumerGroups(admin), Duration.ofMillis(Math.round(waitSeconds * 1000)),
                    Duration.ofMillis(500));
            outcome = retirement.retire(id);
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
