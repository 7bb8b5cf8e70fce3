package dev.reproject.orderhistory.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.orderhistory.query.Order;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.orderhistory.query.OrderJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code reproject query order ORDER_ID}: one order, as {@code GET /orders/{orderId}} answers it. */
@Command(name = "order", description = {
        "One order as JSON on one line, read consistently. Exit 4 when the table has no such order."})
final class QueryOrderCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ViewTableOption table;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ORDER_ID", description = "The order's id.")
    String orderId;

    @Override
    public Integer call() {
        Order order;
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(AwsSettings.of(common.endpoints()))) {
            OrderHistoryQuery query = new OrderHistoryQuery(dynamo, table.resolve(common, dynamo));
            order = query.findOrder(orderId).orElseThrow(() -> new NotFoundException(
                    "no order '" + orderId + "' in table " + query.table()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(OrderJson.write(OrderJson.toMap(order)));
        out.flush();
        return ExitCodes.OK;
    }
}
