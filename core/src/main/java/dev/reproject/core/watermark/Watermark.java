package dev.reproject.core.watermark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.event.TopicPartition;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per topic partition, the highest offset included (SPEC §3 "Holes"). Immutable: operations return a new
 * watermark. A partition the watermark does not name has included nothing.
 */
public final class Watermark {

    private static final Watermark EMPTY = new Watermark(new TreeMap<>());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SortedMap<TopicPartition, Long> offsets;

    private Watermark(SortedMap<TopicPartition, Long> offsets) {
        this.offsets = Collections.unmodifiableSortedMap(offsets);
    }

    public static Watermark empty() {
        return EMPTY;
    }

    public static Watermark of(Map<TopicPartition, Long> offsets) {
        offsets.forEach((tp, offset) -> requireOffset(tp, offset));
        return new Watermark(new TreeMap<>(offsets));
    }

    /** The highest offset included for {@code tp}, if any. */
    public OptionalLong offset(TopicPartition tp) {
        Long offset = offsets.get(tp);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The first offset not yet included: watermark + 1, or 0 for a partition not named. */
    public long next(TopicPartition tp) {
        Long offset = offsets.get(tp);
        return offset == null ? 0 : offset + 1;
    }

    /** Whether the record at {@code offset} of {@code tp} is already included. */
    public boolean covers(TopicPartition tp, long offset) {
        Long mark = offsets.get(tp);
        return mark != null && offset <= mark;
    }

    /** Whether this includes everything {@code other} does. */
    public boolean covers(Watermark other) {
        return other.offsets.entrySet().stream().allMatch(e -> covers(e.getKey(), e.getValue()));
    }

    /** This, with {@code tp} at {@code offset} (which may not move backwards). */
    public Watermark advance(TopicPartition tp, long offset) {
        requireOffset(tp, offset);
        Long current = offsets.get(tp);
        if (current != null && offset < current) {
            throw new IllegalArgumentException("watermark of " + tp + " cannot move back from " + current
                    + " to " + offset);
        }
        TreeMap<TopicPartition, Long> next = new TreeMap<>(offsets);
        next.put(tp, offset);
        return new Watermark(next);
    }

    /** Per partition, the higher of the two. */
    public Watermark merge(Watermark other) {
        TreeMap<TopicPartition, Long> merged = new TreeMap<>(offsets);
        other.offsets.forEach((tp, offset) -> merged.merge(tp, offset, Math::max));
        return new Watermark(merged);
    }

    public SortedMap<TopicPartition, Long> offsets() {
        return offsets;
    }

    public boolean isEmpty() {
        return offsets.isEmpty();
    }

    /** {@code {"<topic>":{"<partition>":<offset>,…},…}} */
    public Map<String, Map<String, Long>> toJsonMap() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        offsets.forEach((tp, offset) ->
                out.computeIfAbsent(tp.topic(), t -> new TreeMap<>(
                        (a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                        .put(Integer.toString(tp.partition()), offset));
        return out;
    }

    public static Watermark fromJsonMap(Map<String, Map<String, Long>> json) {
        TreeMap<TopicPartition, Long> offsets = new TreeMap<>();
        json.forEach((topic, partitions) -> partitions.forEach((partition, offset) -> {
            try {
                offsets.put(new TopicPartition(topic, Integer.parseInt(partition)), offset);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("watermark partition is not a number: '" + partition + "'");
            }
        }));
        return of(offsets);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Watermark fromJson(String text) {
        try {
            return fromJsonMap(JSON.readValue(text, new TypeReference<Map<String, Map<String, Long>>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a watermark: " + e.getOriginalMessage(), e);
        }
    }

    private static void requireOffset(TopicPartition tp, Long offset) {
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
