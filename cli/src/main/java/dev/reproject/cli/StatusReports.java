package dev.reproject.cli;

import dev.reproject.core.alias.AliasMove;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.VerifySummary;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How {@code status} shows a {@link ViewStatus}: lines for a person, or one line of JSON. */
final class StatusReports {

    /** Partitions listed one by one in a text watermark; beyond that, a range. */
    private static final int LISTED_PARTITIONS = 8;

    private StatusReports() {
    }

    static Map<String, Object> toMap(ViewStatus status) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("view", status.view());
        map.put("alias", aliasMap(status.alias()));
        map.put("served", status.served().id().map(RebuildId::value).orElse(null));
        status.served().error().ifPresent(error -> map.put("servedError", error));
        status.snapshotsRoot().ifPresent(r -> {
            map.put("snapshotsRoot", r.toString());
            map.put("snapshots", status.snapshots().stream().map(StatusReports::snapshotMap).toList());
        });
        map.put("catalogTable", status.catalogTable());
        map.put("catalogExists", status.catalogExists());
        map.put("rebuilds", status.rebuilds().stream().map(RebuildEntry::toJsonMap).toList());
        map.put("region", status.region());
        map.put("at", status.now().toString());
        return map;
    }

    /** {@code target} (null before the first promotion), {@code version}, {@code history} (oldest move first). */
    private static Map<String, Object> aliasMap(ViewAlias alias) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("target", alias.target().map(RebuildId::value).orElse(null));
        map.put("version", alias.version());
        map.put("history", alias.history().stream().map(StatusReports::moveMap).toList());
        return map;
    }

    private static Map<String, Object> moveMap(AliasMove move) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", move.kind().name());
        map.put("from", move.from().map(RebuildId::value).orElse(null));
        map.put("to", move.to().value());
        map.put("at", move.at().toString());
        map.put("forced", move.forced());
        map.put("note", move.note());
        return map;
    }

    private static Map<String, Object> snapshotMap(SnapshotManifest m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", m.id().value());
        map.put("parent", m.parent().map(SnapshotId::value).orElse(null));
        map.put("createdAt", m.createdAt().toString());
        map.put("archive", m.archive());
        map.put("items", m.counts().items());
        map.put("records", m.counts().records());
        map.put("rejected", m.counts().totalRejected());
        map.put("holes", m.holes().size());
        map.put("watermark", m.position().watermark().toJsonMap());
        return map;
    }

    static String text(ViewStatus status) {
        StringBuilder text = new StringBuilder("view " + status.view() + ", region " + status.region() + "\n");
        text.append(aliasLine(status)).append('\n');
        List<SnapshotManifest> manifests = status.snapshots();
        status.snapshotsRoot().ifPresent(r -> {
            text.append("snapshots under ").append(r).append(manifests.isEmpty() ? ": none committed\n" : ":\n");
            for (SnapshotManifest m : manifests) {
                text.append(String.format("  %s  %s  %,d items  %,d rejected  watermark %s%n", m.id(),
                        m.parent().map(p -> "continues " + p).orElse("full run"), m.counts().items(),
                        m.counts().totalRejected(), summary(m.position().watermark())));
            }
        });
        text.append("rebuilds in catalog ").append(status.catalogTable())
                .append(status.rebuilds().isEmpty() ? ": no rebuilds yet\n" : ":\n");
        if (status.rebuilds().isEmpty()) {
            return text.toString().stripTrailing();
        }
        TextTable table = new TextTable(List.of("", "TABLE", "SNAPSHOT", "STATUS", "LAG", "LIVE REPORT", "VERIFIED",
                "VERIFY"), Set.of(4));
        for (RebuildEntry e : status.rebuilds()) {
            boolean served = status.served().id().filter(e.id()::equals).isPresent();
            table.row(List.of(served ? "*" : "", e.table(), e.snapshot().value(), e.status().name(),
                    e.lastLiveUpdate().isPresent() ? String.format("%,d", e.totalLag()) : "-",
                    e.lastLiveUpdate().map(at -> RelativeTime.ago(at, status.now())).orElse("-"),
                    e.lastVerify().map(v -> RelativeTime.ago(v.at(), status.now())).orElse("-"),
                    e.lastVerify().map(StatusReports::verdict).orElse("-")));
        }
        table.lines("").forEach(line -> text.append(line).append('\n'));
        if (status.served().id().isPresent()) {
            text.append("(* serves the view)\n");
        }
        for (RebuildEntry e : status.rebuilds()) {
            text.append(e.id()).append(": started ").append(e.startedAt()).append(", updated ").append(e.updatedAt())
                    .append('\n');
            text.append("  handoff ").append(summary(e.handoff())).append('\n');
            if (!e.counts().isEmpty()) {
                text.append("  counts ").append(e.counts().entrySet().stream()
                        .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining(" "))).append('\n');
            }
            if (!e.positions().isEmpty()) {
                text.append(String.format("  live lag %,d: %s%n", e.totalLag(), e.positions().entrySet().stream()
                        .map(p -> p.getKey() + " offset " + p.getValue().offset() + " lag " + p.getValue().lag())
                        .collect(Collectors.joining(", "))));
            }
            e.lastVerify().ifPresent(v -> text.append("  verify ").append(v.at()).append(": ").append(verdict(v))
                    .append(", report ").append(v.report()).append('\n'));
        }
        return text.toString().stripTrailing();
    }

    /** The alias's target, version and last move; before any promotion, what query and serve read instead. */
    private static String aliasLine(ViewStatus status) {
        ViewAlias alias = status.alias();
        if (alias.target().isEmpty()) {
            return "alias: none (nothing promoted yet): query and serve read "
                    + status.served().id().map(id -> id + ", the newest LIVE (else LOADED) rebuild")
                            .orElse("nothing: no LOADED or LIVE rebuild");
        }
        StringBuilder line = new StringBuilder("alias: " + alias.target().get() + ", version " + alias.version());
        if (!alias.history().isEmpty()) {
            AliasMove last = alias.history().get(alias.history().size() - 1);
            line.append(", ").append(last.kind() == AliasMove.Kind.PROMOTE ? "promoted" : "rolled back").append(' ')
                    .append(RelativeTime.ago(last.at(), status.now()))
                    .append(last.from().map(from -> " from " + from).orElse(""))
                    .append(last.forced() ? " (forced: " + last.note() + ")" : "");
        }
        status.served().error().ifPresent(error -> line.append("; cannot be followed: ").append(error));
        return line.toString();
    }

    /** {@code clean}, or the wrong classes ({@code diverged 1, missing 2}); with the fraction when sampled. */
    static String verdict(VerifySummary verify) {
        String verdict = verify.clean() ? "clean" : verify.wrongs();
        return verify.sample() < 1 ? verdict + " (sample " + verify.sample() + ")" : verdict;
    }

    /** Per topic, {@code <topic> 0:41 1:7}, or {@code <topic> 16 partitions, offsets 3..812} when there are many. */
    static String summary(Watermark watermark) {
        if (watermark.isEmpty()) {
            return "(empty)";
        }
        SortedMap<String, SortedMap<Integer, Long>> byTopic = new TreeMap<>();
        watermark.offsets().forEach((SourcePartition tp, Long offset) -> byTopic
                .computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), offset));
        return byTopic.entrySet().stream().map(topic -> {
            SortedMap<Integer, Long> partitions = topic.getValue();
            if (partitions.size() > LISTED_PARTITIONS) {
                return String.format("%s %d partitions, offsets %d..%d", topic.getKey(), partitions.size(),
                        partitions.values().stream().mapToLong(Long::longValue).min().orElseThrow(),
                        partitions.values().stream().mapToLong(Long::longValue).max().orElseThrow());
            }
            return topic.getKey() + " " + partitions.entrySet().stream().map(p -> p.getKey() + ":" + p.getValue())
                    .collect(Collectors.joining(" "));
        }).collect(Collectors.joining("; "));
    }
}
