package dev.reproject.aws.catalog;

import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.catalog.VerifySummary;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link RebuildEntry} as a catalog item. The handoff is the watermark's JSON (as in manifests), so people and
 * other tools can read it in the console; counts are a map of numbers; live positions a map
 * {@code <topic> → <partition> → {offset, lag}}; times ISO-8601 strings. {@code tableName} and
 * {@code snapshotId} repeat what the id holds, for filters and for people.
 */
final class CatalogItems {

    static final String ID = "rebuildId";
    static final String VIEW = "view";
    static final String TABLE = "tableName";
    static final String SNAPSHOT = "snapshotId";
    static final String ARCHIVE = "archive";
    static final String HANDOFF = "handoff";
    static final String COUNTS = "counts";
    static final String STATUS = "status";
    static final String STARTED_AT = "startedAt";
    static final String UPDATED_AT = "updatedAt";
    static final String POSITIONS = "livePositions";
    static final String LAST_LIVE_UPDATE = "lastLiveUpdate";
    static final String LAST_VERIFY = "lastVerify";

    private CatalogItems() {
    }

    static Map<String, AttributeValue> key(RebuildId id) {
        return Map.of(ID, s(id.value()));
    }

    static Map<String, AttributeValue> toItem(RebuildEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(e.id().value()));
        item.put(VIEW, s(e.view()));
        item.put(TABLE, s(e.table()));
        item.put(SNAPSHOT, s(e.snapshot().value()));
        item.put(ARCHIVE, s(e.archive()));
        item.put(HANDOFF, s(e.handoff().toJson()));
        item.put(COUNTS, counts(e.counts()));
        item.put(STATUS, s(e.status().name()));
        item.put(STARTED_AT, s(e.startedAt().toString()));
        item.put(UPDATED_AT, s(e.updatedAt().toString()));
        item.put(POSITIONS, positions(e.positions()));
        e.lastLiveUpdate().ifPresent(t -> item.put(LAST_LIVE_UPDATE, s(t.toString())));
        e.lastVerify().ifPresent(v -> item.put(LAST_VERIFY, verify(v)));
        return item;
    }

    /** @throws IllegalStateException naming the entry and the attribute when the item is not an entry */
    static RebuildEntry fromItem(Map<String, AttributeValue> item) {
        String id = item.containsKey(ID) ? item.get(ID).s() : "(no " + ID + ")";
        try {
            Map<SourcePartition, LivePosition> positions = new TreeMap<>();
            required(item, POSITIONS).m()
                    .forEach((topic, partitions) -> partitions.m()
                            .forEach((partition, p) -> positions.put(
                                    new SourcePartition(topic, Integer.parseInt(partition)),
                                    new LivePosition(number(p.m(), "offset"), number(p.m(), "lag")))));
            Map<String, Long> counts = new TreeMap<>();
            required(item, COUNTS).m().forEach((name, n) -> counts.put(name, Long.parseLong(n.n())));
            return new RebuildEntry(new RebuildId(id), text(item, VIEW), text(item, ARCHIVE),
                    Watermark.fromJson(text(item, HANDOFF)), new TreeMap<>(counts),
                    RebuildStatus.valueOf(text(item, STATUS)), Instant.parse(text(item, STARTED_AT)),
                    Instant.parse(text(item, UPDATED_AT)), new TreeMap<>(positions),
                    Optional.ofNullable(item.get(LAST_LIVE_UPDATE)).map(v -> Instant.parse(v.s())),
                    Optional.ofNullable(item.get(LAST_VERIFY)).map(v -> verify(v.m())));
        } catch (RuntimeException e) {
            throw new IllegalStateException("catalog entry " + id + " is unreadable: " + e.getMessage(), e);
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue counts(Map<String, Long> counts) {
        Map<String, AttributeValue> m = new HashMap<>();
        counts.forEach((name, n) -> m.put(name, AttributeValue.fromN(Long.toString(n))));
        return AttributeValue.fromM(m);
    }

    /** {@code {at, counts: {<class>: n}, sample, report}}. */
    static AttributeValue verify(VerifySummary v) {
        return AttributeValue.fromM(Map.of("at", s(v.at().toString()), "counts", counts(v.counts()),
                "sample", AttributeValue.fromN(Double.toString(v.sample())), "report", s(v.report())));
    }

    private static VerifySummary verify(Map<String, AttributeValue> m) {
        Map<String, Long> counts = new TreeMap<>();
        required(m, "counts").m().forEach((name, n) -> counts.put(name, Long.parseLong(n.n())));
        return new VerifySummary(Instant.parse(text(m, "at")), counts, Double.parseDouble(required(m, "sample").n()),
                text(m, "report"));
    }

    static AttributeValue positions(Map<SourcePartition, LivePosition> positions) {
        Map<String, Map<String, AttributeValue>> byTopic = new HashMap<>();
        positions.forEach((tp, p) -> byTopic.computeIfAbsent(tp.topic(), t -> new HashMap<>())
                .put(Integer.toString(tp.partition()), AttributeValue.fromM(Map.of(
                        "offset", AttributeValue.fromN(Long.toString(p.offset())),
                        "lag", AttributeValue.fromN(Long.toString(p.lag()))))));
        Map<String, AttributeValue> m = new HashMap<>();
        byTopic.forEach((topic, partitions) -> m.put(topic, AttributeValue.fromM(partitions)));
        return AttributeValue.fromM(m);
    }

    private static AttributeValue required(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new IllegalArgumentException("attribute '" + name + "' is missing");
        }
        return value;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        String value = required(item, name).s();
        if (value == null) {
            throw new IllegalArgumentException("attribute '" + name + "' is not a string");
        }
        return value;
    }

    private static long number(Map<String, AttributeValue> m, String name) {
        String value = required(m, name).n();
        if (value == null) {
            throw new IllegalArgumentException("attribute '" + name + "' is not a number");
        }
        return Long.parseLong(value);
    }
}
