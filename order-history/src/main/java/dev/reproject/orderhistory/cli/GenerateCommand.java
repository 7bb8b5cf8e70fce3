package dev.reproject.orderhistory.cli;

import dev.reproject.aws.ArchiveStores;
import dev.reproject.aws.s3.MissingBucket;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.GenerationReports;
import dev.reproject.cli.api.Json;
import dev.reproject.cli.api.ProgressOptions;
import dev.reproject.core.archive.CountingArchiveStore;
import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.core.progress.ProgressTicker;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code reproject generate}: writes a realistic FTGO Order archive, as Kafka Connect's S3 sink would. */
@Command(name = "generate", description = {
        "Writes a realistic FTGO Order archive (Kafka Connect S3 sink layout, Eventuate Tram messages).",
        "Deterministic for a seed; --append continues an archive with later offsets and times."})
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ProgressOptions progress;

    @Spec
    CommandSpec spec;

    @Option(names = "--archive", required = true, paramLabel = "URI",
            description = "Archive root: s3a://bucket/prefix, s3://…, file:///dir or a path.")
    String archive;

    @Option(names = "--orders", required = true, paramLabel = "N", description = "New orders to create.")
    long orders;

    @Option(names = "--consumers", paramLabel = "N", description = "Consumers the orders come from (default 1000).")
    Integer consumers;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the topic (default 8).")
    Integer partitions;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default 42).")
    Long seed;

    @Option(names = "--bad-records", paramLabel = "FRACTION", defaultValue = "0",
            description = "Inject about this fraction of malformed lines, plus re-delivered and corrupt file "
                    + "copies and unhandled event types (default ${DEFAULT-VALUE}).")
    double badRecords;

    @Option(names = "--revisions", paramLabel = "ROUNDS", defaultValue = "0",
            description = "Longer histories: about this many revision rounds (OrderRevisionProposed, then "
                    + "OrderRevised, each changing one line item's quantity) per authorized order (default "
                    + "${DEFAULT-VALUE}). order-history skips them; order-history-revisions applies them.")
    double revisions;

    @Option(names = "--append", description = "Continue the existing archive at --archive.")
    boolean append;

    @Option(names = "--layout", paramLabel = "LAYOUT",
            description = "Directories: PARTITION (partition=N/) or HOURLY (year=/month=/day=/hour=); default PARTITION.")
    ArchiveLayout layout;

    @Option(names = "--gzip", negatable = true, description = "Write .json.gz files (default: plain .json).")
    Boolean gzip;

    @Option(names = "--records-per-file", paramLabel = "N",
            description = "Rotate files every N records (default 2000).")
    Integer recordsPerFile;

    @Option(names = "--create-bucket", description = "Create the archive's S3 bucket when it does not exist "
            + "(default: a missing bucket is exit 4, so that a mistyped name never makes a new bucket).")
    boolean createBucket;

    @Option(names = "--json", description = "Print a one-line JSON summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions options = GeneratorOptions.builder()
                .orders(orders).consumers(consumers).partitions(partitions).seed(seed).badFraction(badRecords)
                .append(append).layout(layout).gzip(gzip).recordsPerFile(recordsPerFile).revisions(revisions)
                .build();
        GenerationReport report;
        Optional<String> region;
        try (CountingArchiveStore store = new CountingArchiveStore(ArchiveStores.open(archive, common.endpoints(),
                createBucket ? MissingBucket.CREATE : MissingBucket.FAIL))) {
            region = store.region();
            ProgressTicker ticker = progress.startWriting(spec.commandLine().getErr(), "generate", store);
            try {
                report = OrderArchiveGenerator.generate(store, options);
            } finally {
                ticker.close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> summary = GenerationReports.toMap(report);
            summary.put("region", region.orElse(null));
            out.println(Json.line(summary));
        } else {
            out.println("archive " + archive + region.map(r -> " (region " + r + ")").orElse(""));
            GenerationReports.print(report, out);
        }
        return 0;
    }
}
