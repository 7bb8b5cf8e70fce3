package dev.reproject.live.cli;

import dev.reproject.live.LiveOutcome;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** How the live command shows how its run ended: one line for a person, or one line of JSON. */
public final class LiveReports {

    private LiveReports() {
    }

    /** @param region the table's region */
    public static String text(LiveOutcome outcome, String region) {
        return String.format("live %s %s in region %s: %,d records, %,d applied, %,d duplicates, %,d skipped, %,d "
                + "dead letters in %.1f s%s", outcome.entry().id().value(), outcome.entry().status(), region,
                outcome.counts().records(), outcome.counts().applied(), outcome.counts().duplicates(),
                outcome.counts().skipped(), outcome.counts().totalDeadLettered(), outcome.elapsed().toMillis() / 1000.0,
                outcome.caughtUp() ? ", caught up" : "");
    }

    /** @param region the table's region */
    public static Map<String, Object> toMap(LiveOutcome outcome, String region) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", outcome.entry().id().value());
        summary.put("table", outcome.entry().table());
        summary.put("status", outcome.entry().status().name());
        summary.put("caughtUp", outcome.caughtUp());
        summary.putAll(outcome.counts().toJsonMap());
        Map<String, Map<String, Long>> positions = new TreeMap<>();
        outcome.positions()
                .forEach((tp, p) -> positions.put(tp.toString(), Map.of("offset", p.offset(), "lag", p.lag())));
        summary.put("positions", positions);
        summary.put("elapsedMs", outcome.elapsed().toMillis());
        summary.put("region", region);
        return summary;
    }
}
