package dev.reproject.rebuild.cli;

import dev.reproject.rebuild.RebuildOutcome;
import dev.reproject.rebuild.imports.ImportLoad;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How the rebuild command shows its outcome: one line for a person, or one line of JSON. */
public final class RebuildReports {

    private RebuildReports() {
    }

    /** @param region the region of the table, the catalog and s3a */
    public static String text(RebuildOutcome outcome, String region) {
        if (outcome.imported().isPresent()) {
            ImportLoad load = outcome.imported().get();
            return String.format(Locale.ROOT, "rebuild %s %s in region %s: %,d items imported by %s from %,d files "
                    + "(%,d bytes uncompressed) in %s, %,d rejected (%s), handoff %s", outcome.entry().id().value(),
                    outcome.entry().status(), region, load.result().importedItems(), load.result().importArn(),
                    load.files().files(), load.files().bytes(), load.directory(), outcome.totalRejected(),
                    outcome.rejectedDir(), outcome.entry().handoff());
        }
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
        outcome.imported().ifPresent(load -> {
            summary.put("importArn", load.result().importArn());
            summary.put("importFiles", load.directory());
            summary.put("importedItems", load.result().importedItems());
            summary.put("importBytes", load.files().bytes());
        });
        return summary;
    }

    private static long retries(RebuildOutcome outcome) {
        return outcome.writes().unprocessedRetried() + outcome.writes().errorRetries();
    }
}
