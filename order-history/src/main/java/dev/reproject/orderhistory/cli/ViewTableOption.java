package dev.reproject.orderhistory.cli;

import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.orderhistory.view.OrderHistoryView;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code --table} of the query commands ({@code @Mixin}), and the table they read when it is not given: the
 * catalog's newest LIVE rebuild of the view, else its newest LOADED one. A LIVE table is preferred over a newer
 * LOADED one because its live updater has caught up; a newer rebuild is served once its own updater has.
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
        return servedTable(catalog.all(), common.view()).orElseThrow(() -> new NotFoundException(
                "no LIVE or LOADED rebuild of view " + common.view() + " in the catalog " + common.catalogTable()
                        + ": run 'reproject rebuild' first, or name the table with --table"));
    }

    /** The table of the view's newest LIVE rebuild, else of its newest LOADED one (newest: by snapshot, then start). */
    static Optional<String> servedTable(List<RebuildEntry> entries, String view) {
        Comparator<RebuildEntry> newest = Comparator.comparing(RebuildEntry::snapshot)
                .thenComparing(RebuildEntry::startedAt);
        for (RebuildStatus status : List.of(RebuildStatus.LIVE, RebuildStatus.LOADED)) {
            Optional<RebuildEntry> entry = entries.stream()
                    .filter(e -> e.view().equals(view) && e.status() == status)
                    .max(newest);
            if (entry.isPresent()) {
                return entry.map(RebuildEntry::table);
            }
        }
        return Optional.empty();
    }
}
