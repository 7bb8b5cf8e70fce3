package dev.reproject.orderhistory.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.orderhistory.query.HistoryParameters;
import dev.reproject.orderhistory.query.OrderHistoryPage;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.orderhistory.query.OrderJson;
import dev.reproject.orderhistory.query.PageTokenKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code reproject query orders}: one page of a consumer's order history, as {@code GET /orders} answers it. */
@Command(name = "orders", description = {
        "One page of a consumer's orders, newest first: {\"orders\":[…],\"nextPageToken\":…} on one line.",
        "Pass nextPageToken to --page-token, with the same filter, for the next page; it is null on the last page.",
        "A page may hold fewer orders, even none, when --max-items-read cut it short: follow its token.",
        "Exit 2 for a bad option or page token; an unknown consumer has no orders (exit 0)."})
final class QueryOrdersCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ViewTableOption table;

    @Mixin
    PageTokenKeyOptions pageTokenKey;

    @Spec
    CommandSpec spec;

    @Option(names = "--consumer", required = true, paramLabel = "ID", description = "Whose orders.")
    String consumer;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only orders in this status: APPROVAL_PENDING, APPROVED, REJECTED or CANCELLED.")
    String status;

    @Option(names = "--keyword", paramLabel = "WORDS", description = "Only orders whose restaurant or dish names hold "
            + "this word (case-insensitive); repeat for any of several; a keyword of several words needs all of them.")
    List<String> keywords = new ArrayList<>();

    @Option(names = "--since", paramLabel = "INSTANT", description = "Created at or after, e.g. 2026-11-30T09:00:00Z.")
    String since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Created before (exclusive).")
    String until;

    @Option(names = "--page-size", paramLabel = "N", description = "Orders per page, 1 to 100 (default 20).")
    String pageSize;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "The nextPageToken of the previous page.")
    String pageToken;

    @Option(names = "--max-items-read", paramLabel = "N", defaultValue = "1000", description = {"Items the query "
            + "reads at most for this page (default: ${DEFAULT-VALUE}); a selective filter on a long history then "
            + "gets a partial page, possibly empty, with a nextPageToken to continue."})
    int maxItemsRead;

    @Override
    public Integer call() {
        // every parameter is checked before anything is read: a mistake exits 2 without touching AWS
        if (maxItemsRead < 1) {
            throw new IllegalArgumentException("--max-items-read must be at least 1, was " + maxItemsRead);
        }
        PageTokenKey key = pageTokenKey.resolve(spec);
        HistoryParameters.Request request = HistoryParameters.parse(HistoryParameters.CLI, consumer, status, keywords,
                since, until, pageSize, pageToken, key);
        OrderHistoryPage page;
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(AwsSettings.of(common.endpoints()))) {
            page = new OrderHistoryQuery(dynamo, table.resolve(common, dynamo), key, maxItemsRead)
                    .findOrderHistory(request.consumerId(), request.filter());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(OrderJson.write(OrderJson.toMap(page)));
        out.flush();
        return ExitCodes.OK;
    }
}
