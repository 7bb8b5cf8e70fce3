package dev.reproject.cli;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        status.snapshotsRoot().ifPresent(r -> {
            map.put("snapshotsRoot", r.toString());
            map.put("snapshots", status.snapshots().stream().map(StatusReports::snapshotMap).toList());
        });
        map.put("catalogTable", status.catalogTable());
        map.put("catalogExists", status.catalogExists());
        map.put("rebuilds", status.rebuilds().stream().map(RebuildEntry::toJsonMap).toList());
        map.put("region", status.region());
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
        for (RebuildEntry e : status.rebuilds()) {
            text.append(String.format("  %s  %s  table %s  snapshot %s  (started %s, updated %s)%n", e.id(), e.status(),
                    e.table(), e.snapshot(), e.startedAt(), e.updatedAt()));
            text.append("    handoff ").append(summary(e.handoff())).append('\n');
            if (!e.counts().isEmpty()) {
                text.append("    counts ").append(e.counts().entrySet().stream()
                        .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining(" "))).append('\n');
            }
            e.lastLiveUpdate().ifPresent(at -> text.append(String.format("    live lag %,d (reported %s): %s%n",
                    e.totalLag(), at, e.positions().entrySet().stream()
                            .map(p -> p.getKey() + " offset " + p.getValue().offset() + " lag " + p.getValue().lag())
                            .collect(Collectors.joining(", ")))));
        }
        return text.toString().stripTrailing();
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
