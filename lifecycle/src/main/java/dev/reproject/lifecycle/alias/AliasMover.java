package dev.reproject.lifecycle.alias;

import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.alias.PromotionCheck;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.error.BusyException;
import dev.reproject.core.error.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code promote} and {@code rollback}: each reads the view's alias, decides, and writes the next version with one
 * conditional {@link AliasStore#replace}; a concurrent mover that wrote first makes it fail with a
 * {@link BusyException} naming what the alias serves now, and nothing is changed.
 */
public final class AliasMover {

    /**
     * {@code --max-lag}'s default: the records a partition may lag by at the rebuild's last live report. Not 0,
     * because the report is one moment of a stream: under steady traffic a live updater is a few records behind
     * at most reports, and LIVE already says it caught up once.
     */
    public static final long DEFAULT_MAX_LAG = 1000;

    private final RebuildCatalog catalog;
    private final AliasStore aliases;
    private final Clock clock;

    public AliasMover(RebuildCatalog catalog, AliasStore aliases, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.aliases = Objects.requireNonNull(aliases, "aliases");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Serves {@code id}'s table for {@code view} from now on, if {@link PromotionCheck} lets it; with {@code force}
     * in spite of the checks, which are then recorded in the alias's history. A table that is gone (RETIRED) or
     * being loaded (LOADING) is refused even with {@code force}: nothing could be served from it.
     *
     * @param note the user's words for the history (may be empty)
     * @throws NotFoundException        when the catalog has no such rebuild
     * @throws IllegalArgumentException when the rebuild is of another view
     * @throws BusyException            when the alias moved since it was read
     */
    public AliasOutcome promote(String view, RebuildId id, long maxLag, boolean force, String note) {
        RebuildEntry entry = catalog.get(id).orElseThrow(() -> new NotFoundException("no rebuild " + id
                + " in the catalog: 'reproject status' lists the rebuilds"));
        if (!entry.view().equals(view)) {
            throw new IllegalArgumentException(id + " is a rebuild of view " + entry.view() + ", not of " + view
                    + ": give --view " + entry.view());
        }
        if (entry.status() == RebuildStatus.RETIRED || entry.status() == RebuildStatus.LOADING) {
            return new AliasOutcome.Refused(List.of(id + " is " + entry.status()
                    + (entry.status() == RebuildStatus.RETIRED ? ": its table was deleted"
                            : ": its table is not whole yet")
                    + "; not even --force promotes it"));
        }
        ViewAlias read = aliases.get(view);
        if (read.target().isPresent() && read.target().get().equals(id)) {
            return new AliasOutcome.Unchanged(view, id + " serves view " + view + " already: nothing moved");
        }
        List<String> refusals = PromotionCheck.refusals(entry, maxLag);
        if (!refusals.isEmpty() && !force) {
            return new AliasOutcome.Refused(refusals);
        }
        String recorded = refusals.isEmpty() ? note : join("forced past: " + String.join("; ", refusals), note);
        ViewAlias next = read.promote(id, clock.instant(), !refusals.isEmpty(), recorded);
        aliases.replace(read, next);
        return new AliasOutcome.Moved(view, next.history().get(next.history().size() - 1), refusals);
    }

    /**
     * Serves the table served before the alias's last move again. Refused when nothing was promoted, the last
     * move was the first promotion, or the table to go back to is RETIRED, LOADING again or gone from the catalog.
     *
     * @throws BusyException when the alias moved since it was read
     */
    public AliasOutcome rollBack(String view, String note) {
        ViewAlias read = aliases.get(view);
        ViewAlias next;
        try {
            next = read.rollBack(clock.instant(), note);
        } catch (IllegalStateException e) {
            return new AliasOutcome.Refused(List.of(e.getMessage()));
        }
        RebuildId back = next.target().orElseThrow();
        Optional<RebuildEntry> entry = catalog.get(back);
        if (entry.isEmpty()) {
            return new AliasOutcome.Refused(List.of("the table before, " + back + ", is no longer in the catalog: "
                    + "promote another rebuild instead"));
        }
        if (entry.get().status() == RebuildStatus.RETIRED || entry.get().status() == RebuildStatus.LOADING) {
            return new AliasOutcome.Refused(List.of("the table before, " + back + ", is " + entry.get().status()
                    + ": promote another rebuild instead"));
        }
        aliases.replace(read, next);
        return new AliasOutcome.Moved(view, next.history().get(next.history().size() - 1), List.of());
    }

    private static String join(String a, String b) {
        return b.isBlank() ? a : a + " — " + b;
    }
}
