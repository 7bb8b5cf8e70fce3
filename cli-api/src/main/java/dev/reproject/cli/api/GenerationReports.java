package dev.reproject.cli.api;

import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** How commands show what a sample-archive generator wrote. */
public final class GenerationReports {

    private GenerationReports() {
    }

    public static void print(GenerationReport report, PrintWriter out) {
        out.printf("wrote %,d files, %,d records: %,d events (%,d of unhandled types), %,d duplicate lines%n",
                report.files(), report.records(), report.totalEvents(), report.unhandled(), report.duplicates());
        report.eventsSorted().forEach((type, count) -> out.printf("  %-80s %,10d%n", type, count));
        for (RejectReason reason : RejectReason.values()) {
            if (report.rejected(reason) > 0) {
                out.printf("  injected %-16s %,10d%n", reason.code(), report.rejected(reason));
            }
        }
    }

    public static Map<String, Object> toMap(GenerationReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", report.files());
        json.put("records", report.records());
        json.put("events", report.totalEvents());
        json.put("eventsByType", report.eventsSorted());
        json.put("unhandled", report.unhandled());
        json.put("duplicates", report.duplicates());
        Map<String, Long> rejected = new TreeMap<>();
        report.rejected().forEach((reason, count) -> rejected.put(reason.code(), count));
        json.put("rejected", rejected);
        Map<String, Long> ends = new TreeMap<>();
        report.endOffsets().forEach((tp, offset) -> ends.put(tp.toString(), offset));
        json.put("endOffsets", ends);
        return json;
    }
}
