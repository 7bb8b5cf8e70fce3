package dev.reproject.orderhistory.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reproject query orders|order}: the Order History queries, JSON on standard output. */
@Command(name = "query", subcommands = {QueryOrdersCommand.class, QueryOrderCommand.class}, description = {
        "Queries the Order History view: a consumer's orders (orders) or one order (order), as JSON (CONTRACT.md §4).",
        "The table is --table, else the catalog's newest LIVE (else LOADED) rebuild of the view."})
public final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say which query: 'query orders --consumer ID …' or "
                + "'query order ORDER_ID'");
    }
}
