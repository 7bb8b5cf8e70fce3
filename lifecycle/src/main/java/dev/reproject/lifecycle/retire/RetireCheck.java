package dev.reproject.lifecycle.retire;

import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.alias.Serving;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a rebuild's table may be retired: not while it serves its view (the table the view's alias points at, or,
 * before anything was promoted for the view, the one {@link Serving#served} picks) nor while any view's alias points
 * at a rebuild of the same table. Tables, not rebuilds, are compared: two rebuilds may have loaded one table.
 */
public final class RetireCheck {

    private RetireCheck() {
    }

    /** Why {@code entry}'s table may not be retired; empty when it may. */
    public static List<String> refusals(RebuildEntry entry, RebuildCatalog catalog, AliasStore aliases) {
        List<String> refusals = new ArrayList<>();
        boolean viewHasAlias = false;
        for (ViewAlias alias : aliases.all()) {
            if (alias.target().isEmpty()) {
                continue;
            }
            viewHasAlias |= alias.view().equals(entry.view());
            if (alias.target().get().table().equals(entry.table())) {
                refusals.add("table " + entry.table() + " serves view " + alias.view() + " (its alias points at "
                        + alias.target().get() + ", version " + alias.version() + "): promote another table, or "
                        + "roll back, first");
            }
        }
        if (!viewHasAlias) {
            Optional<RebuildEntry> served = Serving.served(catalog, aliases, entry.view());
            if (served.isPresent() && served.get().table().equals(entry.table())) {
                refusals.add("table " + entry.table() + " serves view " + entry.view() + " (nothing was promoted for "
                        + "it, so query and serve read its newest " + served.get().status() + " rebuild, "
                        + served.get().id() + "): promote another table first");
            }
        }
        return refusals;
    }
}
