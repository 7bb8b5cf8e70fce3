package dev.reproject.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.event.TopicPartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.spark.snapshot.SnapshotStore;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code reproject status}: a view's committed snapshots and its rebuilds in the catalog, read only. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Shows a view's committed snapshots (with --snapshots) and its rebuilds in the catalog: table, snapshot,",
    "status (LOADING, LOADED, LIVE), handoff watermark, counts and the live updater's lag per partition."})
public final class StatusCommand implements Callable<Integer> {

    /** Partitions listed one by one in a text watermark; beyond that, a range. */
    private static final int LISTED_PARTITIONS = 8;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--snapshots", paramLabel = "URI", description = "Where snapshots live: <URI>/<view>/<snapshotId>/.")
    String snapshots;

    @Option(names = "--json", description = "Print one line of JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Optional<URI> root = Optional.ofNullable(snapshots).map(ArchiveRoot::of);
        List<SnapshotManifest> manifests = root.isEmpty() ? List.of() : snapshotStore(root.get()).list(common.view());
        boolean catalogExists;
        List<RebuildEntry> rebuilds;
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(AwsSettings.of(common.endpoints()))) {
            DynamoCatalog catalog = new DynamoCatalog(dynamo, common.catalogTable(), Clock.systemUTC());
            catalogExists = catalog.exists();
            rebuilds = catalogExists ? catalog.all().stream().filter(e -> e.view().equals(common.view())).toList() : List.of();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.line(toMap(root, manifests, catalogExists, rebuilds)) : text(root, manifests, rebuilds));
        out.flush();
        return ExitCodes.OK;
    }

    /** Hadoop's file systems as the snapshot job sees them, without a Spark session. */
    private SnapshotStore snapshotStore(URI root) {
        Configuration conf = new Configuration();
        S3aSettings.localDefaults().forEach(conf::set);
        new S3aSettings(common.s3Endpoint(), common.region(), Optional.empty(), Optional.empty())
                .hadoopConf().forEach(conf::set);
        return new SnapshotStore(root, conf);
    }

    private Map<String, Object> toMap(Optional<URI> root, List<SnapshotManifest> manifests, boolean catalogExists,
                                      List<RebuildEntry> rebuilds) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("view", common.view());
        root.ifPresent(r -> {
            map.put("snapshotsRoot", r.toString());
            map.put("snapshots", manifests.stream().map(StatusCommand::snapshotMap).toList());
        });
        map.put("catalogTable", common.catalogTable());
        map.put("catalogExists", catalogExists);
        map.put("rebuilds", rebuilds.stream().map(RebuildEntry::toJsonMap).toList());
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

    private String text(Optional<URI> root, List<SnapshotManifest> manifests, List<RebuildEntry> rebuilds) {
        StringBuilder text = new StringBuilder("view " + common.view() + "\n");
        root.ifPresent(r -> {
            text.append("snapshots under ").append(r).append(manifests.isEmpty() ? ": none committed\n" : ":\n");
            for (SnapshotManifest m : manifests) {
                text.append(String.format("  %s  %s  %,d items  %,d rejected  watermark %s%n", m.id(),
                        m.parent().map(p -> "continues " + p).orElse("full run"), m.counts().items(),
                        m.counts().totalRejected(), summary(m.position().watermark())));
            }
        });
        text.append("rebuilds in catalog ").append(common.catalogTable())
                .append(rebuilds.isEmpty() ? ": no rebuilds yet\n" : ":\n");
        for (RebuildEntry e : rebuilds) {
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
        watermark.offsets().forEach((TopicPartition tp, Long offset) ->
                byTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), offset));
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
