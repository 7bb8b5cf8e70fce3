package dev.reproject.orderhistory.cli;

import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.core.catalog.CurrentRebuilds;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.orderhistory.view.OrderHistoryView;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * {@code --table} of the query commands ({@code @Mixin}), and the table they read when it is not given: the
 * table of the view's rebuild the catalog serves ({@link CurrentRebuilds#served}: its newest LIVE one, else its
 * newest LOADED one).
 */
public final class ViewTableOption {

    @Option(names = "--table", paramLabel = "NAME", description = "The view's table (default: the table of the "
            + "view's newest LIVE rebuild in the catalog, else of its newest LOADED one).")
    String table;

    /**
     * @throws IllegalArgumentException when {@code --view} is not the Order History view
     * @throws NotFoundException        without {@code --table}, when the catalog has no LIVE or LOADED rebuild of it
     */
    String resolve(CommonOptions common, DynamoDbClient dynamo) {
        if (!OrderHistoryView.NAME.equals(common.view())) {
            throw new IllegalArgumentException("the query commands read the " + OrderHistoryView.NAME
                    + " view, not '" + common.view() + "'");
        }
        if (table != null) {
            return table;
        }
        DynamoCatalog catalog = new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
        return CurrentRebuilds.served(catalog, common.view()).map(RebuildEntry::table)
                .orElseThrow(() -> new NotFoundException("no LIVE or LOADED rebuild of view " + common.view()
                        + " in the catalog " + common.catalogTable()
                        + ": run 'reproject rebuild' first, or name the table with --table"));
    }
}
