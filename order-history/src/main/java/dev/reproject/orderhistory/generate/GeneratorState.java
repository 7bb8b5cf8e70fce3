package dev.reproject.orderhistory.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.orderhistory.FtgoOrder;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --append} needs to continue an archive, kept in {@value #FILE} at its root (a name Connect
 * never writes and readers ignore). Written after the run's files, so a run that fails leaves the previous
 * state, and running it again rewrites the same files.
 *
 * @param runs          runs so far
 * @param orders        orders created so far (ids 1..orders)
 * @param windowEnd     creation time of the last order (epoch ms): every event up to it is written
 * @param nextOffsets   per partition, the offset the next record takes
 * @param nextIdCounter the counter part of the next Eventuate ID
 */
record GeneratorState(ArchiveShape shape, int runs, long orders, long windowEnd, List<Long> nextOffsets,
                      long nextIdCounter) {

    static final String FILE = "_reproject-generator.json";
    private static final String GENERATOR = "reproject order-history generator";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    GeneratorState {
        nextOffsets = List.copyOf(nextOffsets);
        if (nextOffsets.size() != shape.partitions()) {
            throw new IllegalArgumentException("nextOffsets has " + nextOffsets.size() + " entries for "
                    + shape.partitions() + " partitions");
        }
    }

    /** Before the first run. */
    static GeneratorState initial(ArchiveShape shape) {
        return new GeneratorState(shape, 0, 0, OrderPlan.START_MILLIS,
                Collections.nCopies(shape.partitions(), 0L), 1);
    }

    long[] nextOffsetArray() {
        return nextOffsets.stream().mapToLong(Long::longValue).toArray();
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("generator", GENERATOR);
        root.put("version", VERSION);
        root.put("topic", FtgoOrder.TOPIC);
        root.put("seed", shape.seed());
        root.put("consumers", shape.consumers());
        root.put("partitions", shape.partitions());
        root.put("layout", shape.layout().name());
        root.put("gzip", shape.gzip());
        root.put("recordsPerFile", shape.recordsPerFile());
        root.put("runs", runs);
        root.put("orders", orders);
        root.put("windowEnd", Instant.ofEpochMilli(windowEnd).toString());
        ArrayNode offsets = root.putArray("nextOffsets");
        nextOffsets.forEach(offsets::add);
        root.put("nextIdCounter", nextIdCounter);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write generator state", e);
        }
    }

    /** @throws IllegalStateException naming {@code where} when the content is not a state this generator wrote */
    static GeneratorState fromJson(byte[] content, String where) {
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !root.isObject() || !GENERATOR.equals(root.path("generator").asText())) {
                throw new IllegalStateException(where + " was not written by the order-history generator");
            }
            if (root.path("version").asInt() != VERSION) {
                throw new IllegalStateException(where + " has version " + root.path("version")
                        + "; this generator reads version " + VERSION);
            }
            ArchiveShape shape = new ArchiveShape(number(root, "seed", where), (int) number(root, "consumers", where),
                    (int) number(root, "partitions", where),
                    ArchiveLayout.valueOf(text(root, "layout", where).toUpperCase(Locale.ROOT)),
                    bool(root, "gzip", where), (int) number(root, "recordsPerFile", where));
            List<Long> offsets = new ArrayList<>();
            for (JsonNode offset : field(root, "nextOffsets", where)) {
                offsets.add(offset.asLong());
            }
            return new GeneratorState(shape, (int) number(root, "runs", where), number(root, "orders", where),
                    Instant.parse(text(root, "windowEnd", where)).toEpochMilli(), offsets,
                    number(root, "nextIdCounter", where));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalStateException(where + " is not a readable generator state: " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode root, String name, String where) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(where + " lacks \"" + name + "\"");
        }
        return value;
    }

    private static long number(JsonNode root, String name, String where) {
        JsonNode value = field(root, name, where);
        if (!value.canConvertToLong()) {
            throw new IllegalStateException(where + ": \"" + name + "\" is not a whole number: " + value);
        }
        return value.asLong();
    }

    private static String text(JsonNode root, String name, String where) {
        return field(root, name, where).asText();
    }

    private static boolean bool(JsonNode root, String name, String where) {
        JsonNode value = field(root, name, where);
        if (!value.isBoolean()) {
            throw new IllegalStateException(where + ": \"" + name + "\" is not true or false: " + value);
        }
        return value.booleanValue();
    }
}
