package dev.reproject.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Hand-made archives for the consumer-activity test view: Eventuate lines in Connect file names, with a
 * running ID counter so IDs grow with time, and the offsets of each partition kept here.
 */
final class ActivityArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private final Path root;
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private long counter;

    ActivityArchive(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A fresh event ID, later than every earlier one. */
    String nextId() {
        counter++;
        return String.format("%016x-%016x", START + counter * 1000, counter);
    }

    static String registered(String id, String consumerId, String name) {
        return line(id, ConsumerActivityView.REGISTERED, ConsumerActivityView.CONSUMER, consumerId,
                JSON.createObjectNode().put("name", name));
    }

    static String placed(String id, String orderId, String consumerId, String restaurant, String... tags) {
        ObjectNode payload = JSON.createObjectNode().put("consumerId", consumerId);
        if (restaurant != null) {
            payload.put("restaurant", restaurant);
        }
        if (tags.length > 0) {
            payload.putArray("tags").addAll(Arrays.stream(tags).map(JSON.getNodeFactory()::textNode).toList());
        }
        return line(id, ConsumerActivityView.PLACED, ConsumerActivityView.ORDER, orderId, payload);
    }

    /** An order whose view update DynamoDB would refuse: the view adds an empty set of tags. */
    static String placedWithEmptyTags(String id, String orderId, String consumerId, String restaurant) {
        ObjectNode payload = JSON.createObjectNode().put("consumerId", consumerId).put("restaurant", restaurant);
        payload.putArray("tags");
        return line(id, ConsumerActivityView.PLACED, ConsumerActivityView.ORDER, orderId, payload);
    }

    static String unhandled(String id, String orderId) {
        return line(id, "test.OrderNoted", ConsumerActivityView.ORDER, orderId, JSON.createObjectNode());
    }

    private static String line(String id, String type, String aggregateType, String aggregateId, ObjectNode payload) {
        ObjectNode message = JSON.createObjectNode();
        message.put("payload", payload.toString());
        ObjectNode headers = message.putObject("headers");
        headers.put("ID", id);
        headers.put("event-type", type);
        headers.put("event-aggregate-type", aggregateType);
        headers.put("event-aggregate-id", aggregateId);
        long millis = Long.parseUnsignedLong(id.substring(0, 16), 16);
        headers.put("DATE",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC)));
        return message.toString();
    }

    /** Appends a file to the partition at its next offset; returns the file's path relative to the root. */
    String append(String topic, int partition, List<String> lines) {
        long start = nextOffsets.getOrDefault(topic + "+" + partition, 0L);
        String path = write("topics/" + topic + "/partition=" + partition, topic, partition, start, lines, false);
        nextOffsets.put(topic + "+" + partition, start + lines.size());
        return path;
    }

    /** Writes a file at a given start offset, e.g. a re-delivered copy; the next offset moves only forward. */
    String writeAt(String dir, String topic, int partition, long start, List<String> lines, boolean gzip) {
        String path = write(dir, topic, partition, start, lines, gzip);
        nextOffsets.merge(topic + "+" + partition, start + lines.size(), Math::max);
        return path;
    }

    long nextOffset(String topic, int partition) {
        return nextOffsets.getOrDefault(topic + "+" + partition, 0L);
    }

    void writeBytes(String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(String dir, String topic, int partition, long start, List<String> lines, boolean gzip) {
        String relative = String.format("%s/%s+%d+%010d.json%s", dir, topic, partition, start, gzip ? ".gz" : "");
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        writeBytes(relative, gzip ? gzip(bytes) : bytes);
        return relative;
    }

    static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String... lines) {
        return new ArrayList<>(List.of(lines));
    }
}
