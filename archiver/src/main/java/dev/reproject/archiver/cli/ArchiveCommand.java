package dev.reproject.archiver.cli;

import dev.reproject.archiver.ArchiveReport;
import dev.reproject.archiver.ArchiveRequest;
import dev.reproject.archiver.PartitionArchived;
import dev.reproject.archiver.TopicArchiver;
import dev.reproject.aws.ArchiveStores;
import dev.reproject.aws.s3.MissingBucket;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.KafkaOptions;
import dev.reproject.cli.api.ProgressOptions;
import dev.reproject.core.archive.CountingArchiveStore;
import dev.reproject.core.progress.ProgressTicker;
import dev.reproject.core.view.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code reproject archive}: archives Kafka topics as Kafka Connect's S3 sink would, for users without Connect. */
@Command(name = "archive", description = {
        "Archives Kafka topics as Kafka Connect's S3 sink (JSON format) would, under topics/<topic>/partition=<p>/.",
        "Each run goes on after the highest offset archived and stops at the end offsets seen when it starts."})
public final class ArchiveCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ProgressOptions progress;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--archive", required = true, paramLabel = "URI",
            description = "Archive root: s3a://bucket/prefix, s3://…, file:///dir or a path.")
    String archive;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "A topic to archive; repeatable (default: the topics of the view, --view).")
    List<String> topics;

    @Option(names = "--records-per-file", paramLabel = "N", defaultValue = "1000",
            description = "Records per file at most (Connect's flush.size; default ${DEFAULT-VALUE}).")
    int recordsPerFile;

    @Option(names = "--gzip", negatable = true, defaultValue = "false",
            description = "Write .json.gz files (default: plain .json).")
    boolean gzip;

    @Option(names = "--create-bucket", description = "Create the archive's S3 bucket when it does not exist "
            + "(default: a missing bucket is exit 4, so that a mistyped name never makes a new bucket).")
    boolean createBucket;

    @Option(names = "--json", description = "Print a one-line JSON summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (recordsPerFile < 1) {
            throw new IllegalArgumentException("--records-per-file must be 1 or more, was " + recordsPerFile);
        }
        List<String> chosen = topics == null || topics.isEmpty()
                ? List.copyOf(new TreeSet<>(Views.byName(common.view()).topics())) : topics;
        Map<String, Object> kafkaConfig = kafka.clientConfig();
        ArchiveRequest request = ArchiveRequest.of(chosen).withRecordsPerFile(recordsPerFile).withGzip(gzip);
        ArchiveReport report;
        Optional<String> region;
        try (CountingArchiveStore store = new CountingArchiveStore(ArchiveStores.open(archive, common.endpoints(),
                createBucket ? MissingBucket.CREATE : MissingBucket.FAIL))) {
            region = store.region();
            ProgressTicker ticker = progress.startWriting(spec.commandLine().getErr(), "archive", store);
            try {
                report = new TopicArchiver(kafkaConfig, store).archive(request);
            } finally {
                ticker.close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(summary(report, region)));
        } else {
            out.printf("archived %,d records in %,d files into %s%s%n", report.records(), report.files().size(),
                    archive, region.map(r -> " (region " + r + ")").orElse(""));
            for (PartitionArchived p : report.partitions().values()) {
                out.printf("  %-60s %,10d records, offsets %s%s%n", p.partition(), p.records(),
                        p.archived().isEmpty() ? "none new" : p.archived().first() + ".." + p.archived().last(),
                        p.gaps() == 0 ? "" : ", " + p.gaps() + " offset gaps");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> summary(ArchiveReport report, Optional<String> region) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("archive", report.archiveRoot());
        json.put("records", report.records());
        json.put("files", report.files().size());
        Map<String, Object> partitions = new TreeMap<>();
        report.partitions().forEach((tp, p) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("from", p.fromOffset());
            one.put("until", p.untilOffset());
            one.put("records", p.records());
            one.put("files", p.files().size());
            one.put("gaps", p.gaps());
            one.put("lastOffset", p.lastOffset().isPresent() ? p.lastOffset().getAsLong() : null);
            partitions.put(tp.toString(), one);
        });
        json.put("partitions", partitions);
        json.put("region", region.orElse(null));
        return json;
    }
}
