package dev.reproject.live;

import dev.reproject.core.reject.RejectReason;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run of the live updater did, so far.
 *
 * @param records      records consumed and committed
 * @param applied      updates written
 * @param duplicates   updates whose marker condition failed (the event, or a later one, was applied already)
 * @param skipped      events of types the view does not handle
 * @param deadLettered records sent to the dead-letter topic, by reason
 */
public record LiveCounts(long records, long applied, long duplicates, long skipped,
                         Map<RejectReason, Long> deadLettered) {

    public static final LiveCounts ZERO = new LiveCounts(0, 0, 0, 0, Map.of());

    public LiveCounts {
        deadLettered = Map.copyOf(deadLettered);
    }

    public long totalDeadLettered() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }

    LiveCounts plus(long moreRecords, long moreApplied, long moreDuplicates, long moreSkipped,
                    Map<RejectReason, Long> moreDead) {
        Map<RejectReason, Long> dead = new EnumMap<>(RejectReason.class);
        dead.putAll(deadLettered);
        moreDead.forEach((reason, n) -> dead.merge(reason, n, Long::sum));
        return new LiveCounts(records + moreRecords, applied + moreApplied, duplicates + moreDuplicates,
                skipped + moreSkipped, dead);
    }

    /** For {@code --json} and the log: {@code records, applied, duplicates, skipped, deadLettered: {reason: n}}. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        out.put("applied", applied);
        out.put("duplicates", duplicates);
        out.put("skipped", skipped);
        Map<String, Long> dead = new TreeMap<>();
        deadLettered.forEach((reason, n) -> dead.put(reason.code(), n));
        out.put("deadLettered", dead);
        return out;
    }
}
