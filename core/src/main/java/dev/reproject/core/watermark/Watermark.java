package dev.reproject.core.watermark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.event.SourcePartition;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per topic partition, the highest offset included (CONTRACT.md §3 "Holes"). Immutable: operations return a new
 * watermark. A partition the watermark does not name has included nothing.
 */
public final class Watermark {

    private static final Watermark EMPTY = new Watermark(new TreeMap<>());
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final SortedMap<SourcePartition, Long> offsets;

    private Watermark(SortedMap<SourcePartition, Long> offsets) {
        this.offsets = Collections.unmodifiableSortedMap(offsets);
    }

    public static Watermark empty() {
        return EMPTY;
    }

    public static Watermark of(Map<SourcePartition, Long> offsets) {
        offsets.forEach((tp, offset) -> requireOffset(tp, offset));
        return new Watermark(new TreeMap<>(offsets));
    }

    /** The highest offset included for {@code tp}, if any. */
    public OptionalLong offset(SourcePartition tp) {
        Long offset = offsets.get(tp);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The first offset not yet included: watermark + 1, or 0 for a partition not named. */
    public long next(SourcePartition tp) {
        Long offset = offsets.get(tp);
        return offset == null ? 0 : offset + 1;
    }

    /** Whether the record at {@code offset} of {@code tp} is already included. */
    public boolean covers(SourcePartition tp, long offset) {
        Long mark = offsets.get(tp);
        return mark != null && offset <= mark;
    }

    /** Whether this includes everything {@code other} does. */
    public boolean covers(Watermark other) {
        return other.offsets.entrySet().stream().allMatch(e -> covers(e.getKey(), e.getValue()));
    }

    /** This, with {@code tp} at {@code offset} (which may not move backwards). */
    public Watermark advance(SourcePartition tp, long offset) {
        requireOffset(tp, offset);
        Long current = offsets.get(tp);
        if (current != null && offset < current) {
            throw new IllegalArgumentException("watermark of " + tp + " cannot move back from " + current
                    + " to " + offset);
        }
        TreeMap<SourcePartition, Long> next = new TreeMap<>(offsets);
        next.put(tp, offset);
        return new Watermark(next);
    }

    /** Per partition, the higher of the two. */
    public Watermark merge(Watermark other) {
        TreeMap<SourcePartition, Long> merged = new TreeMap<>(offsets);
        other.offsets.forEach((tp, offset) -> merged.merge(tp, offset, Math::max));
        return new Watermark(merged);
    }

    public SortedMap<SourcePartition, Long> offsets() {
        return offsets;
    }

    public boolean isEmpty() {
        return offsets.isEmpty();
    }

    /** {@code {"<topic>":{"<partition>":<offset>,…},…}} */
    public Map<String, Map<String, Long>> toJsonMap() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        offsets.forEach((tp, offset) -> out.computeIfAbsent(tp.topic(), t -> new TreeMap<>(
                (a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                .put(Integer.toString(tp.partition()), offset));
        return out;
    }

    public static Watermark fromJsonMap(Map<String, Map<String, Long>> json) {
        if (json == null) {
            throw new IllegalArgumentException("not a watermark: null");
        }
        TreeMap<SourcePartition, Long> offsets = new TreeMap<>();
        json.forEach((topic, partitions) -> {
            if (partitions == null) {
                throw new IllegalArgumentException("not a watermark: topic " + topic + " has no partitions object");
            }
            partitions.forEach(
                    (partition, offset) -> offsets.put(new SourcePartition(topic, partitionNumber(partition)), offset));
        });
        return of(offsets);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Strict: an object of objects of whole, non-negative offsets, and nothing after it. */
    public static Watermark fromJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a watermark: " + e.getOriginalMessage(), e);
        }
        return fromJsonNode(root);
    }

    /** The same, from a node inside a larger document (a manifest). */
    public static Watermark fromJsonNode(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a watermark: expected {\"<topic>\":{\"<partition>\":<offset>}}");
        }
        TreeMap<SourcePartition, Long> offsets = new TreeMap<>();
        root.fields().forEachRemaining(topic -> {
            if (!topic.getValue().isObject()) {
                throw new IllegalArgumentException("not a watermark: topic " + topic.getKey() + " is not an object");
            }
            topic.getValue().fields().forEachRemaining(partition -> {
                JsonNode offset = partition.getValue();
                if (!offset.isIntegralNumber() || !offset.canConvertToLong()) {
                    throw new IllegalArgumentException("not a watermark: offset of " + topic.getKey() + "/"
                            + partition.getKey() + " is not a whole number: " + offset);
                }
                offsets.put(new SourcePartition(topic.getKey(), partitionNumber(partition.getKey())),
                        offset.longValue());
            });
        });
        return of(offsets);
    }

    private static int partitionNumber(String partition) {
        try {
            return Integer.parseInt(partition);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("watermark partition is not a number: '" + partition + "'");
        }
    }

    private static void requireOffset(SourcePartition tp, Long offset) {
        Objects.requireNonNull(tp, "topic partition");
        if (offset == null || offset < 0) {
            throw new IllegalArgumentException("watermark offset of " + tp + " must be >= 0, was " + offset);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Watermark w && offsets.equals(w.offsets);
    }

    @Override
    public int hashCode() {
        return offsets.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
