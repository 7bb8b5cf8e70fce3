package dev.reproject.cli;

import dev.reproject.core.archive.Hole;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.spark.archive.ScanSummary;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** How commands show what a read of the archive did. */
final class ScanReports {

    private ScanReports() {
    }

    static void print(ScanSummary summary, PrintWriter out) {
        out.printf("read %,d of %,d files (%,d covered by the earlier position): %,d records, %,d events, "
                        + "%,d duplicates, %,d deferred past a hole%n",
                summary.filesOpened(), summary.filesListed(), summary.filesCovered(), summary.records(),
                summary.events(), summary.duplicates(), summary.deferred());
        for (RejectReason reason : RejectReason.values()) {
            if (summary.rejected(reason) > 0) {
                out.printf("  rejected %-16s %,10d%n", reason.code(), summary.rejected(reason));
            }
        }
        for (Hole hole : summary.holes()) {
            out.println("  hole: " + hole);
        }
    }

    static Map<String, Object> toMap(ScanSummary summary) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("filesListed", summary.filesListed());
        json.put("filesCovered", summary.filesCovered());
        json.put("filesOpened", summary.filesOpened());
        json.put("records", summary.records());
        json.put("events", summary.events());
        json.put("duplicates", summary.duplicates());
        json.put("deferred", summary.deferred());
        Map<String, Long> rejected = new TreeMap<>();
        summary.rejected().forEach((reason, count) -> rejected.put(reason.code(), count));
        json.put("rejected", rejected);
        json.put("holes", summary.holes().stream().map(Hole::toString).toList());
        json.put("watermark", summary.watermark().toJsonMap());
        return json;
    }
}
