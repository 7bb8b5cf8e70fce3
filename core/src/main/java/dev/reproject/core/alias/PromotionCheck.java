package dev.reproject.core.alias;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.catalog.VerifySummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a rebuild may serve its view: it is LIVE (its live updater caught up at least once), no partition lags
 * by more than the limit at its last report, and its latest verify is clean and began after the rebuild did.
 * {@code promote --force} moves the alias all the same and records these reasons in the alias's history.
 */
public final class PromotionCheck {

    private PromotionCheck() {
    }

    /** Why {@code entry} may not be promoted; empty when it may. */
    public static List<String> refusals(RebuildEntry entry, long maxLag) {
        Optional<VerifySummary> lastVerify = entry.lastVerify();
        if (maxLag < 0) {
            throw new IllegalArgumentException("the lag limit must be 0 or more, was " + maxLag);
        }
        List<String> refusals = new ArrayList<>();
        if (entry.status() != RebuildStatus.LIVE) {
            refusals.add(entry.id() + " is " + entry.status() + ", not LIVE: run 'reproject live' for it until it "
                    + "has caught up");
        }
        entry.positions().forEach((partition, position) -> {
            if (position.lag() > maxLag) {
                refusals.add(partition.topic() + "/" + partition.partition() + " lags by " + position.lag()
                        + " records (more than --max-lag " + maxLag + ")");
            }
        });
        if (lastVerify.isEmpty()) {
            refusals.add(entry.table() + " was never verified: run 'reproject verify' for it");
        } else if (lastVerify.get().at().isBefore(entry.startedAt())) {
            refusals.add("its last verify (" + lastVerify.get().at() + ") is older than its load (started "
                    + entry.startedAt() + "): run 'reproject verify' again");
        } else if (!lastVerify.get().clean()) {
            refusals.add("its last verify (" + lastVerify.get().at() + ") found " + lastVerify.get().wrongs());
        }
        return refusals;
    }
}
