package dev.reproject.live;

import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.event.SourcePartition;

import java.time.Duration;
import java.util.Map;

/**
 * How a run of the live updater ended.
 *
 * @param entry     the catalog entry as last written (LIVE once lag first reached zero)
 * @param counts    what it did
 * @param positions per partition, the next offset to consume (all committed) and the lag when it stopped
 * @param caughtUp  whether it stopped because every partition reached the end offset seen at start
 * @param elapsed   how long it ran
 */
public record LiveOutcome(RebuildEntry entry, LiveCounts counts, Map<SourcePartition, LivePosition> positions,
                          boolean caughtUp, Duration elapsed) {

    public LiveOutcome {
        positions = Map.copyOf(positions);
    }
}
