package dev.reproject.core.alias;

import dev.reproject.core.catalog.CurrentRebuilds;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildStatus;

import java.util.Optional;

/**
 * The rebuild whose table serves a view, as {@code query} and {@code serve} read it: the view's alias once something
 * was promoted for it; before that, {@link CurrentRebuilds#served} (its newest LIVE rebuild, else its newest
 * LOADED one), so that catalogs from before aliases serve as they did.
 */
public final class Serving {

    private Serving() {
    }

    /**
     * @throws IllegalStateException when the alias names a rebuild the catalog no longer has, or one LOADING again
     */
    public static Optional<RebuildEntry> served(RebuildCatalog catalog, AliasStore aliases, String view) {
        ViewAlias alias = aliases.get(view);
        if (alias.target().isEmpty()) {
            return CurrentRebuilds.served(catalog, view);
        }
        RebuildEntry entry = catalog.get(alias.target().get()).orElseThrow(() -> new IllegalStateException(
                "the alias of view " + view + " points at " + alias.target().get() + ", which the catalog does not "
                        + "have: promote another rebuild, or roll back"));
        if (entry.status() == RebuildStatus.LOADING) {
            throw new IllegalStateException("the alias of view " + view + " points at " + entry.id() + ", which is "
                    + "being loaded again: promote another rebuild, or roll back");
        }
        return Optional.of(entry);
    }
}
