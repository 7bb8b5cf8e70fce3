package dev.reproject.rebuild.cli;

import dev.reproject.rebuild.RebuildOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/** How the rebuild command shows its outcome: one line for a person, or one line of JSON. */
public final class RebuildReports {

    private RebuildReports() {
    }

    /** @param region the region of the table, the catalog and s3a */
    public static String text(RebuildOutcome outcome, String region) {
        return String.format("rebuild %s %s in region %s: %,d items in %,d write calls (%,d retries), %,d rejected "
                + "(%s), handoff %s",
                outcome.entry().id().value(), outcome.entry().status(), region, outcome.writes().itemsWritten(),
                outcome.writes().writeCalls(), retries(outcome), outcome.totalRejected(), outcome.rejectedDir(),
                outcome.entry().handoff());
    }

    /** The catalog entry, then the write calls, the retries, the rejects with where they are, and the region. */
    public static Map<String, Object> toMap(RebuildOutcome outcome, String region) {
        Map<String, Object> summary = new LinkedHashMap<>(outcome.entry().toJsonMap());
        summary.put("writeCalls", outcome.writes().writeCalls());
        summary.put("retries", retries(outcome));
        summary.put("rejected", outcome.totalRejected());
        summary.put("rejectedAt", outcome.rejectedDir());
        summary.put("region", region);
        return summary;
    }

    private static long retries(RebuildOutcome outcome) {
        return outcome.writes().unprocessedRetried() + outcome.writes().errorRetries();
    }
}
