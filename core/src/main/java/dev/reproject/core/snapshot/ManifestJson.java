package dev.reproject.core.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.archive.FileDigest;
import dev.reproject.core.archive.FileSpan;
import dev.reproject.core.archive.Hole;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.watermark.Watermark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link SnapshotManifest} as JSON: readable by people and by other tools. */
public final class ManifestJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestJson() {
    }

    public static String write(SnapshotManifest m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("snapshotId", m.id().value());
        root.put("view", m.view());
        root.put("fingerprint", m.fingerprint());
        root.put("parent", m.parent().map(SnapshotId::value).orElse(null));
        root.put("createdAt", m.createdAt().toString());
        root.put("archive", m.archive());
        root.set("watermark", JSON.valueToTree(m.position().watermark().toJsonMap()));
        ObjectNode lastFiles = root.putObject("lastFiles");
        m.position().lastFiles().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode span = partitionNode(lastFiles, e.getKey());
            span.put("path", e.getValue().path());
            span.put("startOffset", e.getValue().startOffset());
            span.put("lineCount", e.getValue().lineCount());
        });
        ArrayNode holes = root.putArray("holes");
        for (Hole hole : m.holes()) {
            ObjectNode h = holes.addObject();
            h.put("topic", hole.topicPartition().topic());
            h.put("partition", hole.topicPartition().partition());
            h.put("firstMissing", hole.firstMissing());
            if (hole.isEndKnown()) {
                h.put("lastMissing", hole.lastMissing());
            } else {
                h.putNull("lastMissing");
            }
            h.put("passed", hole.passed());
            h.put("cause", hole.cause());
        }
        SnapshotCounts c = m.counts();
        ObjectNode counts = root.putObject("counts");
        counts.put("filesListed", c.filesListed());
        counts.put("filesCovered", c.filesCovered());
        counts.put("filesOpened", c.filesOpened());
        counts.put("records", c.records());
        counts.put("events", c.events());
        counts.put("applied", c.applied());
        counts.put("skipped", c.skipped());
        counts.put("duplicateRecords", c.duplicateRecords());
        counts.put("duplicateEvents", c.duplicateEvents());
        counts.put("deferred", c.deferred());
        ObjectNode rejected = counts.putObject("rejected");
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason.code(), c.rejected(reason));
        }
        counts.put("items", c.items());
        root.put("data", m.data());
        root.put("rejected", m.rejected());
        ArrayNode layers = root.putArray("layers"); // newest first, the snapshot's own data first
        for (SnapshotLayer layer : m.layers()) {
            ObjectNode l = layers.addObject();
            l.put("snapshotId", layer.snapshot().value());
            l.put("rows", layer.rows());
            l.put("bytes", layer.bytes());
        }
        // last: per partition, the files known to end at or below the watermark (see ArchivePosition)
        ObjectNode known = root.putObject("knownFiles");
        m.position().knownFiles().forEach((tp, paths) -> {
            ArrayNode list = known.withObjectProperty(tp.topic()).putArray(Integer.toString(tp.partition()));
            paths.forEach(list::add);
        });
        // and the older ones as a count and digest (KnownFiles): the manifest stops growing with the archive
        ObjectNode digests = root.putObject("knownDigests");
        m.position().knownDigests().forEach((tp, d) -> {
            ObjectNode node = partitionNode(digests, tp);
            node.put("through", d.through());
            node.put("count", d.count());
            node.put("sha256", d.sha256());
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when {@code text} is not a manifest */
    public static SnapshotManifest read(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            Watermark watermark = Watermark.fromJsonNode(required(root, "watermark"));
            Map<SourcePartition, FileSpan> lastFiles = new TreeMap<>();
            perPartition(required(root, "lastFiles"), (tp, span) -> lastFiles.put(tp, new FileSpan(
                    text(span, "path"), required(span, "startOffset").asLong(), required(span, "lineCount").asLong())));
            Map<SourcePartition, SortedSet<String>> known = new TreeMap<>();
            perPartition(required(root, "knownFiles"), (tp, paths) -> {
                SortedSet<String> set = new TreeSet<>();
                paths.forEach(p -> set.add(p.asText()));
                known.put(tp, set);
            });
            Map<SourcePartition, FileDigest> digests = new TreeMap<>();
            JsonNode digestNode = root.get("knownDigests"); // absent from manifests written before it
            if (digestNode != null && !digestNode.isNull()) {
                perPartition(digestNode, (tp, d) -> digests.put(tp, new FileDigest(number(d, "through"),
                        number(d, "count"), text(d, "sha256"))));
            }
            List<Hole> holes = new ArrayList<>();
            for (JsonNode h : required(root, "holes")) {
                JsonNode last = h.get("lastMissing");
                holes.add(new Hole(new SourcePartition(text(h, "topic"), required(h, "partition").asInt()),
                        required(h, "firstMissing").asLong(), last == null || last.isNull() ? -1 : last.asLong(),
                        required(h, "passed").asBoolean(), text(h, "cause")));
            }
            JsonNode c = required(root, "counts");
            Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
            required(c, "rejected").fields().forEachRemaining(e -> {
                if (e.getValue().asLong() > 0) {
                    rejected.put(RejectReason.fromCode(e.getKey()), e.getValue().asLong());
                }
            });
            SnapshotCounts counts = new SnapshotCounts(number(c, "filesListed"), number(c, "filesCovered"),
                    number(c, "filesOpened"), number(c, "records"), number(c, "events"), number(c, "applied"),
                    number(c, "skipped"), number(c, "duplicateRecords"), number(c, "duplicateEvents"),
                    number(c, "deferred"), rejected, number(c, "items"));
            JsonNode parent = root.get("parent");
            SnapshotId id = new SnapshotId(text(root, "snapshotId"));
            List<SnapshotLayer> layers = new ArrayList<>();
            JsonNode layerNode = root.get("layers"); // absent from manifests written before layers: its own data
            if (layerNode == null || layerNode.isNull()) {
                layers.add(new SnapshotLayer(id, counts.items(), SnapshotLayer.UNKNOWN));
            } else {
                for (JsonNode l : layerNode) {
                    layers.add(new SnapshotLayer(new SnapshotId(text(l, "snapshotId")), number(l, "rows"),
                            number(l, "bytes")));
                }
            }
            return new SnapshotManifest(id, text(root, "view"),
                    text(root, "fingerprint"),
                    parent == null || parent.isNull() ? Optional.empty() : Optional.of(new SnapshotId(parent.asText())),
                    Instant.parse(text(root, "createdAt")), text(root, "archive"),
                    new ArchivePosition(watermark, lastFiles, known, digests), holes, counts,
                    text(root, "data"), text(root, "rejected"), layers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a snapshot manifest: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a snapshot manifest: " + e.getMessage(), e);
        }
    }

    private static ObjectNode partitionNode(ObjectNode parent, SourcePartition tp) {
        return parent.withObjectProperty(tp.topic()).putObject(Integer.toString(tp.partition()));
    }

    private interface PartitionVisitor {
        void visit(SourcePartition tp, JsonNode value);
    }

    private static void perPartition(JsonNode byTopic, PartitionVisitor visitor) {
        byTopic.fields()
                .forEachRemaining(topic -> topic.getValue().fields()
                        .forEachRemaining(partition -> visitor.visit(
                                new SourcePartition(topic.getKey(), Integer.parseInt(partition.getKey())),
                                partition.getValue())));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static long number(JsonNode node, String field) {
        return required(node, field).asLong();
    }
}
