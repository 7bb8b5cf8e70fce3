package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which live updaters lag by more than a limit ({@code status --max-lag}), as their last reports in the catalog
 * say: of every table, the latest rebuild a live updater has reported for, each partition whose lag is above the
 * limit. Older rebuilds of a table, and retired ones, are no longer consumed and are not looked at.
 */
public final class LagAlerts {

    /** One partition of one rebuild, lagging by {@code lag} records at its last report. */
    public record Lagging(RebuildEntry entry, SourcePartition partition, long lag) {

        /** {@code "<rebuild id> <topic>/<partition> lag <n> (reported <t>)"}. */
        public String describe() {
            return entry.id() + " " + partition.topic() + "/" + partition.partition() + " lag " + lag + " (reported "
                    + entry.lastLiveUpdate().map(Object::toString).orElse("never") + ")";
        }
    }

    private LagAlerts() {
    }

    public static List<Lagging> above(List<RebuildEntry> entries, long maxLag) {
        if (maxLag < 0) {
            throw new IllegalArgumentException("the lag limit must be 0 or more, was " + maxLag);
        }
        List<Lagging> lagging = new ArrayList<>();
        for (RebuildEntry entry : entries) {
            if (!entry.liveStarted() || entry.status() == RebuildStatus.RETIRED
                    || supersededByALaterLiveRebuild(entry, entries)) {
                continue;
            }
            entry.positions().forEach((partition, position) -> {
                if (position.lag() > maxLag) {
                    lagging.add(new Lagging(entry, partition, position.lag()));
                }
            });
        }
        lagging.sort(Comparator.comparing((Lagging l) -> l.entry().id().toString()).thenComparing(Lagging::partition));
        return lagging;
    }

    private static boolean supersededByALaterLiveRebuild(RebuildEntry entry, List<RebuildEntry> entries) {
        return entries.stream().anyMatch(other -> other.table().equals(entry.table()) && other.liveStarted()
                && other.startedAt().isAfter(entry.startedAt()));
    }
}
