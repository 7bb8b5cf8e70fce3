package dev.reproject.live.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.KafkaOptions;
import dev.reproject.cli.api.LeaseOptions;
import dev.reproject.cli.api.ListenAddresses;
import dev.reproject.core.catalog.CurrentRebuilds;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.catalog.RetiredException;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.view.Views;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.live.DeadLetters;
import dev.reproject.live.LiveOptions;
import dev.reproject.live.LiveOutcome;
import dev.reproject.live.LiveRun;
import dev.reproject.live.LiveRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reproject live}: step 3. Finds the table's latest rebuild in the catalog (or {@code --rebuild}), and
 * consumes its view's topics from the handoff on, until SIGTERM or, with {@code --until-caught-up}, until every
 * partition reaches the end offset it had at start.
 */
@Command(name = "live", mixinStandardHelpOptions = true, description = {
        "Step 3: keeps a rebuilt table current from Kafka, starting exactly after the rebuild's handoff watermark.",
        "Refuses to start (exit 1) when Kafka no longer holds an offset it needs or the table does not fit the view.",
        "Exits 1 when the table changes while it runs, or DynamoDB is unavailable for --store-retry-timeout.",
        "Stops (exit 0, saying so on stderr) when 'reproject retire' retires the rebuild, and does not start for a "
                + "retired one.",
        "SIGTERM finishes the batch in flight, commits and exits."})
public final class LiveCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    LeaseOptions lease;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--table", paramLabel = "NAME", description = "The rebuilt table (default: the view's table name).")
    String table;

    @Option(names = "--rebuild", paramLabel = "ID", description = "The rebuild to continue, <table>@<snapshotId> "
            + "(default: the table's latest in the catalog).")
    String rebuild;

    @Option(names = "--until-caught-up",
            description = "Exit 0 once every partition reaches the end offset it had at start.")
    boolean untilCaughtUp;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "Where unusable records go (default: <topic>" + DeadLetters.SUFFIX + ").")
    String deadLetterTopic;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "" + LiveOptions.DEFAULT_MAX_IN_FLIGHT,
            description = "UpdateItem requests in flight at most (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--report-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between progress lines and catalog updates (default: ${DEFAULT-VALUE}).")
    double reportSeconds;

    @Option(names = "--store-retry-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = {"Seconds a write is tried again while DynamoDB is unreachable, timing out, throttling or "
                    + "failing with 5xx errors, before live exits 1 naming it (default: ${DEFAULT-VALUE})."})
    double storeRetrySeconds;

    @Option(names = "--json", description = "Print a one-line JSON summary when it stops.")
    boolean json;

    @Option(names = "--instance-id", paramLabel = "NAME", description = {"A stable name for this process in the "
            + "rebuild's consumer group (Kafka's group.instance.id): restarted under the same name after a crash, it "
            + "gets its partitions back at once instead of after the session timeout. One name per process."})
    String instanceId;

    @Option(names = "--manual-assignment", description = {"Take every partition by hand, as the rebuild's only "
            + "process, instead of joining its consumer group (the default, where every process started for the "
            + "rebuild gets a share of the partitions)."})
    boolean manualAssignment;

    @Option(names = "--metrics-port", paramLabel = "N", description = {"Serve GET /metrics (Prometheus) and GET "
            + "/health on this port; 0 picks a free one (default: none)."})
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address of --metrics-port (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String metricsHost;

    @Option(names = "--max-lag", paramLabel = "N", description = {"/health answers 503 while a partition of this "
            + "process lags by more than N records (default: lag never makes it unhealthy)."})
    Long maxLag;

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } catch (RetiredException e) { // not a failure: a supervisor that restarts failed runs must not loop
            PrintWriter err = spec.commandLine().getErr();
            err.println("reproject: live not started: " + e.getMessage());
            err.flush();
            return ExitCodes.OK;
        }
    }

    private int run() throws Exception {
        if (!(reportSeconds > 0)) {
            throw new IllegalArgumentException("--report-interval must be more than 0 seconds, was " + reportSeconds);
        }
        if (!(storeRetrySeconds >= 0)) {
            throw new IllegalArgumentException("--store-retry-timeout must be 0 seconds or more, was "
                    + storeRetrySeconds);
        }
        if (manualAssignment && instanceId != null) {
            throw new IllegalArgumentException("--instance-id names a member of the rebuild's consumer group: it "
                    + "cannot go with --manual-assignment");
        }
        if (maxLag != null && maxLag < 0) {
            throw new IllegalArgumentException("--max-lag must be 0 or more, was " + maxLag);
        }
        LiveOptions options = new LiveOptions(untilCaughtUp, maxInFlight,
                Duration.ofMillis(Math.round(reportSeconds * 1000)), Duration.ofMillis(500),
                Duration.ofMillis(Math.round(storeRetrySeconds * 1000)),
                manualAssignment ? LiveOptions.Assignment.MANUAL : LiveOptions.Assignment.GROUP,
                Optional.ofNullable(instanceId));
        KafkaClients kafkaClients = new KafkaClients(kafka.clientConfig());
        String tableName = table != null ? table : Views.byName(common.view()).table().defaultName();
        AwsSettings aws = AwsSettings.of(common.endpoints());
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(aws)) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
            RebuildEntry entry = entry(catalog, tableName);
            LiveEndpoints endpoints = LiveEndpoints.start(metricsAddress(), maxLag);
            try (endpoints) {
                LiveRuns runs = new LiveRuns(kafkaClients, dynamo, catalog, lease.leasing(catalog.leases()),
                        endpoints.metrics());
                try (LiveRun run = runs.open(entry, Optional.ofNullable(deadLetterTopic), options)) {
                    endpoints.watch(run);
                    LiveOutcome outcome = run.runUntilShutdown();
                    // before the run is closed: on SIGTERM the JVM ends once it is
                    PrintWriter out = spec.commandLine().getOut();
                    out.println(json ? Json.line(LiveReports.toMap(outcome, aws.region()))
                            : LiveReports.text(outcome, aws.region()));
                    out.flush();
                    if (outcome.entry().status() == RebuildStatus.RETIRED) {
                        PrintWriter err = spec.commandLine().getErr();
                        err.println("reproject: live stopped: rebuild " + outcome.entry().id() + " was retired ("
                                + outcome.entry().updatedAt() + "); 'reproject retire' deletes its table and "
                                + "consumer group");
                        err.flush();
                    }
                }
            }
        }
        return ExitCodes.OK;
    }

    private Optional<InetSocketAddress> metricsAddress() {
        if (metricsPort == null) {
            return Optional.empty();
        }
        InetSocketAddress address = ListenAddresses.of("--metrics-host", metricsHost, "--metrics-port", metricsPort);
        return Optional.of(address);
    }

    private RebuildEntry entry(DynamoCatalog catalog, String tableName) {
        Optional<RebuildId> id = Optional.ofNullable(rebuild).map(RebuildId::new);
        return CurrentRebuilds.toContinue(catalog, id, tableName).orElseThrow(() -> new NotFoundException(id.isPresent()
                ? "no rebuild " + rebuild + " in the catalog " + common.catalogTable()
                : "no rebuild of table " + tableName + " in the catalog " + common.catalogTable()
                        + ": run 'reproject rebuild' first"));
    }
}
