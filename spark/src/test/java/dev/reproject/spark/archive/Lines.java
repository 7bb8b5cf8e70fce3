package dev.reproject.spark.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Hand-made archive lines and files for reader tests. */
final class Lines {

    static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    static final String CREATED = "net.chrisrichardson.ftgo.orderservice.api.events.OrderCreatedEvent";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Lines() {
    }

    /** A well-formed Eventuate message for order {@code aggregateId}; ID time 2026-11-30T09:15:02Z + n ms. */
    static String event(long n, String aggregateId) {
        return message(id(n), aggregateId, "Mon, 30 Nov 2026 09:15:02 GMT", "{\"orderId\":" + aggregateId + "}")
                .toString();
    }

    static String id(long n) {
        return String.format("%016x-%016x", 1796030102000L + n, n);
    }

    static ObjectNode message(String id, String aggregateId, String date, String payload) {
        ObjectNode message = JSON.createObjectNode();
        message.put("payload", payload);
        ObjectNode headers = message.putObject("headers");
        headers.put("ID", id);
        headers.put("event-type", CREATED);
        headers.put("event-aggregate-type", TOPIC);
        if (aggregateId != null) {
            headers.put("event-aggregate-id", aggregateId);
        }
        if (date != null) {
            headers.put("DATE", date);
        }
        headers.put("DESTINATION", TOPIC);
        return message;
    }

    /** The same message as Connect's StringConverter writes it: a JSON string holding the object. */
    static String asJsonString(String messageJson) {
        try {
            return JSON.writeValueAsString(messageJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events numbered first..first+count-1, one per line, for order ids = their number. */
    static List<String> events(long first, int count) {
        return java.util.stream.LongStream.range(first, first + count)
                .mapToObj(n -> event(n, Long.toString(n))).toList();
    }

    static Path write(Path root, String dir, int partition, long startOffset, List<String> lines) {
        return writeBytes(root, dir, String.format("%s+%d+%010d.json", TOPIC, partition, startOffset),
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Path writeGzip(Path root, String dir, int partition, long startOffset, List<String> lines) {
        return writeBytes(root, dir, String.format("%s+%d+%010d.json.gz", TOPIC, partition, startOffset),
                gzip((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    static Path writeBytes(Path root, String dir, String name, byte[] content) {
        try {
            Path file = root.resolve(dir).resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static byte[] truncated(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length / 2);
    }
}
