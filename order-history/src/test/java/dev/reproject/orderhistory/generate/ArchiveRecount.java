package dev.reproject.orderhistory.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * An independent reading of archive files, to check a generator's report against: every line is parsed
 * and classified here with Jackson and the rules of CONTRACT.md §3, not with the generator's code. The first
 * occurrence of a (partition, offset) is a record; any later one is a duplicate and must repeat it exactly.
 */
final class ArchiveRecount {

    static final Set<String> HANDLED = Set.of(
            "net.chrisrichardson.ftgo.orderservice.api.events.OrderCreatedEvent",
            "net.chrisrichardson.ftgo.orderservice.api.events.OrderAuthorized",
            "net.chrisrichardson.ftgo.orderservice.api.events.OrderRejected",
            "net.chrisrichardson.ftgo.orderservice.api.events.OrderCancelled");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** A well-formed event line, where it first occurs. */
    record Event(String id, String type, String aggregateId, Instant date, JsonNode payload, JsonNode headers,
                 SourcePartition tp, long offset, String path, boolean stringForm) {
        long orderId() {
            return Long.parseLong(aggregateId);
        }
    }

    record Line(String path, String text) {
    }

    long files;
    long duplicates;
    long unhandled;
    long stringLines;
    final Map<String, Long> events = new TreeMap<>();
    final Map<RejectReason, Long> rejected = new TreeMap<>();
    final Map<SourcePartition, Long> endOffsets = new TreeMap<>();
    final List<Event> eventList = new ArrayList<>();
    final List<String> copyMismatches = new ArrayList<>();
    /** Per partition, offset → the line first found there. */
    final Map<SourcePartition, TreeMap<Long, Line>> lines = new TreeMap<>();

    static ArchiveRecount of(ArchiveStore store, Collection<String> paths) throws IOException {
        ArchiveRecount recount = new ArchiveRecount();
        for (String path : paths) {
            ArchiveFile file = ArchiveFileName.parse(path).orElse(null);
            if (file != null) {
                recount.read(store, file);
            }
        }
        recount.classify();
        return recount;
    }

    GenerationReport asReport() {
        return new GenerationReport(files, records(), events, unhandled, duplicates, rejected, endOffsets);
    }

    long records() {
        return lines.values().stream().mapToLong(Map::size).sum();
    }

    private void read(ArchiveStore store, ArchiveFile file) throws IOException {
        files++;
        byte[] content = store.read(file.path());
        if (file.gzip()) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
                content = in.readAllBytes();
            } catch (IOException e) {
                rejected.merge(RejectReason.UNREADABLE_FILE, 1L, Long::sum);
                return;
            }
        }
        String text = new String(content, StandardCharsets.UTF_8);
        String[] split = text.split("\n", -1);
        int count = text.endsWith("\n") ? split.length - 1 : split.length;
        TreeMap<Long, Line> partition = lines.computeIfAbsent(file.topicPartition(), tp -> new TreeMap<>());
        for (int i = 0; i < count; i++) {
            long offset = file.startOffset() + i;
            Line first = partition.putIfAbsent(offset, new Line(file.path(), split[i]));
            if (first != null) {
                duplicates++;
                if (!first.text().equals(split[i])) {
                    copyMismatches.add(file.path() + " line " + i + " differs from " + first.path());
                }
            }
        }
    }

    private void classify() {
        lines.forEach((tp, byOffset) -> {
            endOffsets.put(tp, byOffset.lastKey());
            byOffset.forEach((offset, line) -> classify(tp, offset, line));
        });
    }

    private void classify(SourcePartition tp, long offset, Line line) {
        JsonNode message;
        boolean stringForm = false;
        try {
            message = JSON.readTree(line.text());
            if (message != null && message.isTextual()) {
                stringForm = true;
                stringLines++;
                message = JSON.readTree(message.textValue());
            }
        } catch (IOException e) {
            reject(RejectReason.NOT_JSON);
            return;
        }
        if (message == null || !message.isObject()) {
            reject(RejectReason.NOT_JSON);
            return;
        }
        JsonNode headers = message.path("headers");
        for (String required : List.of("ID", "event-type", "event-aggregate-type", "event-aggregate-id")) {
            if (!headers.path(required).isTextual() || headers.path(required).textValue().isEmpty()) {
                reject(RejectReason.MISSING_HEADER);
                return;
            }
        }
        String id = headers.get("ID").textValue();
        Instant date;
        if (headers.has("DATE")) {
            date = ZonedDateTime.parse(headers.get("DATE").textValue(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } else {
            Instant fromId = Instant.ofEpochMilli(Long.parseUnsignedLong(id.substring(0, 16), 16));
            if (fromId.isBefore(EARLIEST) || fromId.isAfter(Instant.now().plusSeconds(86_400))) {
                reject(RejectReason.MISSING_HEADER);
                return;
            }
            date = fromId;
        }
        JsonNode payload = message.get("payload");
        JsonNode parsedPayload;
        try {
            parsedPayload = payload != null && payload.isTextual() ? JSON.readTree(payload.textValue()) : null;
        } catch (IOException e) {
            parsedPayload = null;
        }
        if (parsedPayload == null || !parsedPayload.isObject()) {
            reject(RejectReason.BAD_PAYLOAD);
            return;
        }
        String type = headers.get("event-type").textValue();
        events.merge(type, 1L, Long::sum);
        if (!HANDLED.contains(type)) {
            unhandled++;
        }
        eventList.add(new Event(id, type, headers.get("event-aggregate-id").textValue(), date, parsedPayload, headers,
                tp, offset, line.path(), stringForm));
    }

    private void reject(RejectReason reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    /** Paths of archive files in {@code after} and not in {@code before}. */
    static List<String> newPaths(List<String> before, List<String> after) {
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        return added;
    }

    static Map<String, byte[]> contents(ArchiveStore store) {
        Map<String, byte[]> contents = new HashMap<>();
        try {
            for (String path : store.list("")) {
                contents.put(path, store.read(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }
}
