package dev.reproject.lifecycle.retire;

import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.error.BusyException;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.error.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code reproject retire}: checks that the table serves no view ({@link RetireCheck}), marks the entry RETIRED
 * first (a live updater still running for it stops at its next report, which the catalog refuses, and leaves the
 * rebuild's consumer group), waits for the group to have no member left, then deletes the table and the group.
 * Each step is skipped when done already, so running it again finishes what an interrupted run left, and reports
 * nothing to do when nothing is left.
 */
public final class Retirement {

    private static final Logger log = LoggerFactory.getLogger(Retirement.class);

    private final RebuildCatalog catalog;
    private final AliasStore aliases;
    private final Tables tables;
    private final ConsumerGroups groups;
    private final Duration wait;
    private final Duration pollEvery;

    /**
     * @param wait      how long to wait for the live updaters of the rebuild to stop and leave its group
     * @param pollEvery how often to look at the group meanwhile
     */
    public Retirement(RebuildCatalog catalog, AliasStore aliases, Tables tables, ConsumerGroups groups,
                      Duration wait, Duration pollEvery) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.aliases = Objects.requireNonNull(aliases, "aliases");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
    }

    /**
     * @throws NotFoundException when the catalog has no such rebuild
     * @throws RefusedException  when its table serves a view, naming it; nothing was changed
     * @throws BusyException     when a live updater is still in the rebuild's group after the wait: the entry is
     *                           RETIRED, the table and group are left; run again once it stopped
     */
    public RetireOutcome retire(RebuildId id) throws InterruptedException {
        RebuildEntry entry = catalog.get(id).orElseThrow(() -> new NotFoundException("no rebuild " + id
                + " in the catalog"));
        List<String> refusals = RetireCheck.refusals(entry, catalog, aliases);
        if (!refusals.isEmpty()) {
            throw new RefusedException("refusing to retire " + id + ": " + String.join("; ", refusals));
        }
        RebuildStatus was = entry.status();
        String group = id.consumerGroup();
        // counted before the mark: a live updater may see it at its next report and leave before a later look
        int members = groups.members(group);
        RebuildEntry retired = was == RebuildStatus.RETIRED ? entry : catalog.retire(id);
        if (was != RebuildStatus.RETIRED) {
            log.info("retire {}: marked RETIRED (was {})", id, was);
        }
        awaitNoMembers(id, group);
        Optional<RebuildId> keptFor = newerOfSameTable(entry);
        boolean tableDeleted = keptFor.isEmpty() && tables.delete(entry.table());
        boolean groupDeleted = groups.delete(group);
        return new RetireOutcome(retired, was, members, tableDeleted, keptFor, groupDeleted);
    }

    /** Returns once the group has no member left. */
    private void awaitNoMembers(RebuildId id, String group) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        int members = groups.members(group);
        while (members > 0) {
            if (System.nanoTime() >= deadline) {
                throw new BusyException("retire " + id + ": consumer group " + group + " still has " + members
                        + " active member(s) " + wait.toSeconds() + " s after the rebuild was marked RETIRED: a live "
                        + "updater of it is still running; it stops at its next report (--report-interval). Stop it, "
                        + "or wait longer (--wait), and run retire again: the table and consumer group were left as "
                        + "they are");
            }
            Thread.sleep(pollEvery.toMillis());
            members = groups.members(group);
        }
    }

    /**
     * A rebuild that loaded the same table after this one and is not retired: the table holds its items now, so
     * only the entry and group of this one are retired.
     */
    private Optional<RebuildId> newerOfSameTable(RebuildEntry entry) {
        return catalog.entriesForTable(entry.table()).stream()
                .filter(other -> !other.id().equals(entry.id()) && other.status() != RebuildStatus.RETIRED
                        && other.startedAt().isAfter(entry.startedAt()))
                .map(RebuildEntry::id).findFirst();
    }
}
