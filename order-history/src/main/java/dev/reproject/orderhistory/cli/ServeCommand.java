package dev.reproject.orderhistory.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.ListenAddresses;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.orderhistory.query.PageTokenKey;
import dev.reproject.orderhistory.query.TableNotFoundException;
import dev.reproject.orderhistory.rest.OrderHistoryServer;
import dev.reproject.orderhistory.rest.ServerSettings;
import dev.reproject.orderhistory.rest.TableWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code reproject serve}: the Order History REST endpoints until SIGTERM or Ctrl-C (or, in-process, an interrupt),
 * then exit 0. Without {@code --table} it follows the view's alias: {@code promote} and {@code rollback} move it
 * within {@code --alias-interval}, without a restart or a failed request.
 */
@Command(name = "serve", description = {
        "Serves the Order History queries over HTTP until SIGTERM or Ctrl-C:",
        "  GET /orders?consumerId=…&status=…&keyword=…&since=…&until=…&pageSize=…&pageToken=…",
        "  GET /orders/{orderId}",
        "  GET /metrics (Prometheus text), GET /health (200 UP when the table answers, else 503)",
        "JSON as in CONTRACT.md §4; 400 for bad parameters, 404 for unknown orders, 503 when --threads requests run",
        "and --queue more wait. The table is --table (pinned), else the one the view's alias names (before any",
        "promote: the newest LIVE, else LOADED, rebuild of the view), read again every --alias-interval: serve",
        "follows promote and rollback without a restart; each answer names its table in X-Reproject-Table.",
        "On a non-loopback --host a page-token key is required (--page-token-key-file or REPROJECT_PAGE_TOKEN_KEY)."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ViewTableOption table;

    @Mixin
    PageTokenKeyOptions pageTokenKey;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16",
            description = "Requests answered at once: the most that wait on DynamoDB together (default: "
                    + "${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "64", description = "Requests that may wait for "
            + "one of --threads; when it is full a request is answered 503 at once (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--queue-timeout", paramLabel = "S", defaultValue = "5",
            description = "Seconds a request may wait in the queue before it is answered 503 (default: "
                    + "${DEFAULT-VALUE}).")
    double queueTimeout;

    @Option(names = "--idle-timeout", paramLabel = "S", defaultValue = "30", description = "Seconds a connection "
            + "may send or read nothing before it is closed: a slow client holds no thread, and a connection at "
            + "most this long between bytes (default: ${DEFAULT-VALUE}).")
    double idleTimeout;

    @Option(names = "--stop-timeout", paramLabel = "S", defaultValue = "10", description = "On SIGTERM or Ctrl-C, "
            + "seconds requests in flight may take to finish before the server closes (default: ${DEFAULT-VALUE}).")
    double stopTimeout;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1000",
            description = "Open connections at most; beyond them new ones wait to be accepted (default: "
                    + "${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-items-read", paramLabel = "N", defaultValue = "1000", description = {"Items a history "
            + "request reads at most (default: ${DEFAULT-VALUE}); a selective filter on a long history then gets a "
            + "partial page, possibly empty, with a nextPageToken to continue."})
    int maxItemsRead;

    @Option(names = "--alias-interval", paramLabel = "S", defaultValue = "2", description = "Without --table: "
            + "seconds between reads of the view's alias; a move is followed within this long (default: "
            + "${DEFAULT-VALUE}).")
    double aliasInterval;

    @Override
    public Integer call() {
        InetSocketAddress address = ListenAddresses.of("--host", host, "--port", port);
        if (maxItemsRead < 1) {
            throw new IllegalArgumentException("--max-items-read must be at least 1, was " + maxItemsRead);
        }
        ServerSettings settings = new ServerSettings(address, threads, queue, seconds("--queue-timeout", queueTimeout),
                seconds("--idle-timeout", idleTimeout), seconds("--stop-timeout", stopTimeout), maxConnections,
                ServerSettings.DEFAULT_HEALTH_CACHE);
        PageTokenKey key = pageTokenKey.resolve(spec);
        if (key.isSandboxDefault()) {
            if (!address.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("serve on " + host + " needs a page-token key of its own: the "
                        + "sandbox key is public. Put one (e.g. 'openssl rand -base64 32') in a file for "
                        + "--page-token-key-file, or in REPROJECT_PAGE_TOKEN_KEY; query needs the same key");
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("reproject serve: warning: page tokens use the public sandbox key (no --page-token-key-file "
                    + "or REPROJECT_PAGE_TOKEN_KEY); allowed only on a loopback address");
            err.flush();
        }
        Duration aliasEvery = seconds("--alias-interval", aliasInterval);
        if (aliasEvery.isZero()) {
            throw new IllegalArgumentException("--alias-interval must be more than 0 seconds, was " + aliasInterval);
        }
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(AwsSettings.of(common.endpoints()))) {
            String tableName = table.resolve(common, dynamo);
            requireTable(dynamo, tableName);
            DynamoCatalog catalog = ViewTableOption.catalog(common, dynamo);
            String view = common.view();
            Optional<TableWatch> watch = table.pinned() ? Optional.empty()
                    : Optional.of(new TableWatch(() -> ViewTableOption.served(catalog, view), aliasEvery));
            OrderHistoryServer server = start(settings, new OrderHistoryQuery(dynamo, tableName, key, maxItemsRead),
                    watch);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread onTerm = new Thread(() -> {
                server.close(); // lets requests in flight finish
                stopped.countDown();
            }, "reproject-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(onTerm);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("serving table %s of view %s on %s (GET /orders?consumerId=…, GET /orders/{orderId}, "
                    + "GET /metrics, GET /health); %s; Ctrl-C stops%n", tableName, common.view(), server.uri(),
                    table.pinned() ? "pinned by --table" : "following the view's alias every " + aliasInterval + " s");
            out.flush();
            boolean interrupted = false;
            try {
                stopped.await();
            } catch (InterruptedException e) {
                interrupted = true; // stopped from within this JVM (a test, an embedding program): a normal stop
            } finally {
                removeHook(onTerm);
                server.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCodes.OK;
    }

    private static Duration seconds(String option, double seconds) {
        if (!(seconds >= 0) || seconds > 86_400) {
            throw new IllegalArgumentException(option + " must be from 0 to 86400 seconds, was " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static OrderHistoryServer start(ServerSettings settings, OrderHistoryQuery query,
                                            Optional<TableWatch> watch) {
        try {
            return watch.isPresent() ? OrderHistoryServer.start(settings, query, watch.get())
                    : OrderHistoryServer.start(settings, query);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + settings.address() + ": " + e.getMessage(), e);
        }
    }

    private static void requireTable(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.describeTable(b -> b.tableName(tableName));
        } catch (ResourceNotFoundException e) {
            throw new TableNotFoundException(tableName);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM: the hook is running and closes the server
        }
    }
}
