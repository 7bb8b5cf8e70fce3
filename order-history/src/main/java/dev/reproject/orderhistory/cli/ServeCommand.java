package dev.reproject.orderhistory.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.orderhistory.query.TableNotFoundException;
import dev.reproject.orderhistory.rest.OrderHistoryServer;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code reproject serve}: the Order History REST endpoints until SIGTERM or Ctrl-C (or, in-process, an interrupt),
 * then exit 0. The table is chosen once, at start: to serve a newer rebuild, restart.
 */
@Command(name = "serve", description = {
        "Serves the Order History queries over HTTP until SIGTERM or Ctrl-C:",
        "  GET /orders?consumerId=…&status=…&keyword=…&since=…&until=…&pageSize=…&pageToken=…",
        "  GET /orders/{orderId}",
        "JSON as in CONTRACT.md §4; 400 for bad parameters, 404 for unknown orders. The table is --table, else the",
        "catalog's newest LIVE (else LOADED) rebuild of the view, chosen at start."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ViewTableOption table;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16",
            description = "Requests answered at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, was " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("--host " + host + ": no such host or address");
        }
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(AwsSettings.of(common.endpoints()))) {
            String tableName = table.resolve(common, dynamo);
            requireTable(dynamo, tableName);
            OrderHistoryServer server = start(address, new OrderHistoryQuery(dynamo, tableName), threads);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread onTerm = new Thread(() -> {
                server.close(); // lets requests in flight finish
                stopped.countDown();
            }, "reproject-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(onTerm);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("serving table %s of view %s on %s (GET /orders?consumerId=…, GET /orders/{orderId}); "
                    + "Ctrl-C stops%n", tableName, common.view(), server.uri());
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

    private static OrderHistoryServer start(InetSocketAddress address, OrderHistoryQuery query, int threads) {
        try {
            return OrderHistoryServer.start(address, query, threads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + address + ": " + e.getMessage(), e);
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
