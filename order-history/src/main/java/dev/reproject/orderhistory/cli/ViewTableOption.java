package dev.reproject.orderhistory.cli;

import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.core.alias.Serving;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.orderhistory.view.OrderHistoryView;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * {@code --table} of the query commands ({@code @Mixin}), and the table they read when it is not given: the
 * table of the view's rebuild the catalog serves ({@link Serving#served}: the view's alias once something was
 * promoted; before that its newest LIVE rebuild, else its newest LOADED one).
 */
public final class ViewTableOption {

    @Option(names = "--table", paramLabel = "NAME", description = "The view's table (default: the table the "
            + "view's alias in the catalog names, moved by 'reproject promote'; before any promote, the table of the "
            + "view's newest LIVE rebuild, else of its newest LOADED one).")
    String table;

    /**
     * @throws IllegalArgumentException when {@code --view} is not the Order History view
     * @throws NotFoundException        without {@code --table}, when the catalog has no LIVE or LOADED rebuild of it
     * @throws IllegalStateException    without {@code --table}, when the alias names a rebuild gone or loading again
     */
    String resolve(CommonOptions common, DynamoDbClient dynamo) {
        if (!OrderHistoryView.NAME.equals(common.view())) {
            throw new IllegalArgumentException("the query commands read the " + OrderHistoryView.NAME
                    + " view, not '" + common.view() + "'");
        }
        if (table != null) {
            return table;
        }
        return served(catalog(common, dynamo), common.view());
    }

    /** Whether {@code --table} was given: the table is then pinned, and serve does not follow the alias. */
    boolean pinned() {
        return table != null;
    }

    static DynamoCatalog catalog(CommonOptions common, DynamoDbClient dynamo) {
        return new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
    }

    /** The table that serves {@code view} now, as the catalog says (see the class comment). */
    static String served(DynamoCatalog catalog, String view) {
        return Serving.served(catalog, catalog.aliases(), view).map(RebuildEntry::table)
                .orElseThrow(() -> new NotFoundException("no LIVE or LOADED rebuild of view " + view
                        + " in the catalog " + catalog.tableName()
                        + ": run 'reproject rebuild' first, or name the table with --table"));
    }
}
