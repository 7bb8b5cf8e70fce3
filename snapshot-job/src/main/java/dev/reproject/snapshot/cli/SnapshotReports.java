package dev.reproject.snapshot.cli;

import dev.reproject.core.archive.Hole;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.snapshot.SnapshotCounts;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.snapshot.SnapshotOutcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the snapshot command shows its outcome: a few lines for a person, or one line of JSON. */
public final class SnapshotReports {

    private SnapshotReports() {
    }

    /** @param region the region the run's AWS calls went to */
    public static String text(SnapshotOutcome outcome, String region) {
        if (outcome instanceof SnapshotOutcome.NothingNew nothing) {
            StringBuilder text = new StringBuilder("nothing archived beyond snapshot " + nothing.latest().id()
                    + " of view " + nothing.latest().view() + ": nothing committed");
            nothing.scan().holes().forEach(h -> text.append("\n  hole: ").append(h));
            text.append("\n  region: ").append(region);
            return text.toString();
        }
        SnapshotManifest m = ((SnapshotOutcome.Committed) outcome).manifest();
        SnapshotCounts c = m.counts();
        StringBuilder text = new StringBuilder();
        text.append(String.format("committed snapshot %s of view %s (%s): %,d items%n", m.id(), m.view(),
                m.parent().map(p -> "continues " + p).orElse("full run"), c.items()));
        text.append(String.format("  rows written: %,d (%s)%n", m.layers().get(0).rows(), m.layered()
                ? "a layer; " + m.layers().size() + " layers over base " + m.layers().get(m.layers().size() - 1)
                        .snapshot()
                : "one base"));
        text.append(String.format("  files: %,d listed, %,d opened, %,d covered%n", c.filesListed(), c.filesOpened(),
                c.filesCovered()));
        text.append(String.format("  records: %,d; events: %,d applied, %,d skipped (unhandled types), "
                + "%,d duplicate events, %,d duplicate records, %,d deferred past a hole%n",
                c.records(), c.applied(), c.skipped(), c.duplicateEvents(), c.duplicateRecords(), c.deferred()));
        for (RejectReason reason : RejectReason.values()) {
            if (c.rejected(reason) > 0) {
                text.append(String.format("  rejected %-16s %,d%n", reason.code(), c.rejected(reason)));
            }
        }
        m.holes().forEach(h -> text.append("  hole: ").append(h).append('\n'));
        text.append("  region: ").append(region);
        return text.toString();
    }

    /** @param region the region the run's AWS calls went to */
    public static Map<String, Object> toMap(SnapshotOutcome outcome, String region) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (outcome instanceof SnapshotOutcome.NothingNew nothing) {
            json.put("status", "nothing-new");
            json.put("latest", nothing.latest().id().value());
            json.put("view", nothing.latest().view());
            json.put("holes", holes(nothing.scan().holes()));
            json.put("region", region);
            return json;
        }
        SnapshotManifest m = ((SnapshotOutcome.Committed) outcome).manifest();
        SnapshotCounts c = m.counts();
        json.put("status", "committed");
        json.put("snapshotId", m.id().value());
        json.put("view", m.view());
        json.put("parent", m.parent().map(Object::toString).orElse(null));
        json.put("items", c.items());
        json.put("rowsWritten", m.layers().get(0).rows());
        json.put("bytesWritten", m.layers().get(0).bytes());
        json.put("layers", m.layerIds().stream().map(Object::toString).toList());
        json.put("filesListed", c.filesListed());
        json.put("filesOpened", c.filesOpened());
        json.put("filesCovered", c.filesCovered());
        json.put("records", c.records());
        json.put("events", c.events());
        json.put("applied", c.applied());
        json.put("skipped", c.skipped());
        json.put("duplicateEvents", c.duplicateEvents());
        json.put("duplicateRecords", c.duplicateRecords());
        json.put("deferred", c.deferred());
        Map<String, Long> rejected = new TreeMap<>();
        c.rejected().forEach((reason, n) -> rejected.put(reason.code(), n));
        json.put("rejected", rejected);
        json.put("holes", holes(m.holes()));
        json.put("watermark", m.position().watermark().toJsonMap());
        json.put("region", region);
        return json;
    }

    private static List<String> holes(List<Hole> holes) {
        return holes.stream().map(Hole::toString).toList();
    }
}
