package dev.reproject.verify;

import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.alias.Serving;
import dev.reproject.core.catalog.CurrentRebuilds;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.error.NotFoundException;

import java.util.Optional;

/**
 * Which table {@code verify} reads and which catalog entry gets the result: {@code --rebuild ID} that entry and its
 * table; {@code --table NAME} that table and its latest entry, if it has one; neither, the table serving the view
 * ({@link Serving#served}: its alias, else its newest LIVE or LOADED rebuild).
 */
public record VerifiedTable(String table, Optional<RebuildEntry> entry) {

    public static VerifiedTable choose(RebuildCatalog catalog, AliasStore aliases, String view,
                                       Optional<String> table, Optional<RebuildId> rebuild) {
        if (table.isPresent() && rebuild.isPresent()) {
            throw new IllegalArgumentException("give --table or --rebuild, not both");
        }
        if (rebuild.isPresent()) {
            RebuildEntry entry = catalog.get(rebuild.get()).orElseThrow(() -> new NotFoundException("no rebuild "
                    + rebuild.get() + " in the catalog"));
            return new VerifiedTable(entry.table(), Optional.of(checked(entry, view)));
        }
        if (table.isPresent()) {
            return new VerifiedTable(table.get(),
                    CurrentRebuilds.latest(catalog, table.get()).map(entry -> checked(entry, view)));
        }
        RebuildEntry served = Serving.served(catalog, aliases, view).orElseThrow(() -> new NotFoundException(
                "no table serves view " + view + " (no LIVE or LOADED rebuild in the catalog): give --table"));
        return new VerifiedTable(served.table(), Optional.of(served));
    }

    private static RebuildEntry checked(RebuildEntry entry, String view) {
        if (!entry.view().equals(view)) {
            throw new IllegalArgumentException("rebuild " + entry.id() + " holds view " + entry.view() + ", not "
                    + view + ": pass --view " + entry.view());
        }
        return entry;
    }
}
