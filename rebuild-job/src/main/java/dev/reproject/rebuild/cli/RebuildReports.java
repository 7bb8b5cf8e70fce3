package dev.reproject.rebuild.cli;

import dev.reproject.rebuild.RebuildOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/** How the rebuild command shows its outcome: one line for a person, or one line of JSON. */
public final class RebuildReports {

    private RebuildReports() {
    }

    public static String text(RebuildOutcome outcome) {
        return String.format("rebuild %s %s: %,d items in %,d write calls (%,d retries), %,d rejected (%s), handoff %s",
                outcome.entry().id().value(), outcome.entry().status(), outcome.writes().itemsWritten(),
                outcome.writes().writeCalls(), retries(outcome), outcome.totalRejected(), outcome.rejectedDir(),
                outcome.entry().handoff());
    }

    /** The catalog entry, then the write calls, the retries, and the rejects with where they are. */
    public static Map<String, Object> toMap(RebuildOutcome outcome) {
        Map<String, Object> summary = new LinkedHashMap<>(outcome.entry().toJsonMap());
        summary.put("writeCalls", outcome.writes().writeCalls());
        summary.put("retries", retries(outcome));
        summary.put("rejected", outcome.totalRejected());
        summary.put("rejectedAt", outcome.rejectedDir());
        return summary;
    }

    private static long retries(RebuildOutcome outcome) {
        return outcome.writes().unprocessedRetried() + outcome.writes().errorRetries();
    }
}
