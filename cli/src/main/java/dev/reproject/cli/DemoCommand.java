package dev.reproject.cli;

import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.s3.S3ArchiveStore;
import dev.reproject.aws.AwsClients;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.GenerationReports;
import dev.reproject.cli.api.Json;
import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.event.TopicPartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.sample.SampleArchiveGenerator;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.SandboxCredentials;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.snapshot.cli.SnapshotReports;
import dev.reproject.snapshot.store.SnapshotStore;
import dev.reproject.spark.SparkSessions;
import dev.reproject.spark.archive.ArchiveReader;
import dev.reproject.spark.archive.ArchiveScan;
import dev.reproject.spark.archive.ScanSummary;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * {@code reproject demo}: the pipeline end to end on local servers. For now: start the servers, write a
 * sample archive of the view into the local S3 server, read it back through Spark and s3a and check that
 * what was read is what the generator says it wrote, then run the snapshot job on it twice (the second run
 * finds nothing new).
 */
@Command(name = "demo", description = {
    "Runs reproject end to end on local servers (started and stopped here): writes a sample archive",
    "into a local S3 server, reads it back with Spark, compares the counts per reason, and runs the",
    "snapshot job on it twice."})
public final class DemoCommand implements Callable<Integer> {

    static final String ARCHIVE = "s3a://reproject-demo/archive";
    static final String SNAPSHOTS = "s3a://reproject-demo/snapshots";

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sample archive (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bad-records", defaultValue = "0.01", paramLabel = "FRACTION",
            description = "Fraction of malformed records to inject (default ${DEFAULT-VALUE}).")
    double badRecords;

    @Option(names = "--json", description = "Print a one-line JSON summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SampleArchiveGenerator generator = generatorFor(common.view());
        try (LocalServers servers = LocalServers.create()) {
            err.println("demo: starting a local S3 server…");
            err.flush();
            SandboxCredentials credentials = servers.credentials();
            AwsSettings aws = new AwsSettings(Optional.empty(), Optional.of(servers.s3Endpoint()), servers.region())
                    .withStaticCredentials(credentials.accessKeyId(), credentials.secretAccessKey());

            err.println("demo: writing a sample " + generator.view() + " archive to " + ARCHIVE + "…");
            err.flush();
            GenerationReport written;
            try (S3ArchiveStore store = S3ArchiveStore.owning(ARCHIVE, AwsClients.s3(aws))) {
                written = generator.generateDemo(store, seed, badRecords);
            }

            err.println("demo: reading it back with Spark through s3a…");
            err.flush();
            S3aSettings s3a = new S3aSettings(Optional.of(servers.s3Endpoint()), servers.region(),
                    Optional.of(credentials.accessKeyId()), Optional.of(credentials.secretAccessKey()));
            List<String> topics = written.endOffsets().keySet().stream().map(TopicPartition::topic).distinct().toList();
            SparkSession spark = SparkSessions.create("reproject demo", Optional.of("local[*]"), s3a);
            ScanSummary read;
            SnapshotOutcome first;
            SnapshotOutcome second;
            try {
                try (ArchiveScan scan = new ArchiveReader(spark, ArchiveRoot.of(ARCHIVE)).scan(topics,
                        ArchivePosition.beginning(), false)) {
                    read = scan.summary();
                }
                err.println("demo: step 1, the snapshot job, into " + SNAPSHOTS + ", twice…");
                err.flush();
                SnapshotJob job = new SnapshotJob(spark, new SnapshotStore(ArchiveRoot.of(SNAPSHOTS),
                        spark.sparkContext().hadoopConfiguration()), Clock.systemUTC());
                SnapshotRequest request = new SnapshotRequest(ARCHIVE, generator.view(), false, false);
                first = job.run(request);
                second = job.run(request);
            } finally {
                spark.stop();
            }

            List<String> differences = differences(written, read);
            if (!(first instanceof SnapshotOutcome.Committed committed) || committed.manifest().counts().items() == 0) {
                differences.add("the first snapshot committed no items");
            }
            if (!(second instanceof SnapshotOutcome.NothingNew)) {
                differences.add("the second snapshot found something new in an archive that did not change");
            }
            if (json) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("archive", ARCHIVE);
                summary.put("written", GenerationReports.toMap(written));
                summary.put("read", ScanReports.toMap(read));
                summary.put("snapshot", SnapshotReports.toMap(first));
                summary.put("snapshotAgain", SnapshotReports.toMap(second));
                summary.put("differences", differences);
                out.println(Json.line(summary));
            } else {
                out.println("written to " + ARCHIVE + ":");
                GenerationReports.print(written, out);
                out.println("read back:");
                ScanReports.print(read, out);
                out.println("snapshot:");
                out.println(SnapshotReports.text(first));
                out.println("snapshot again, nothing archived since:");
                out.println(SnapshotReports.text(second));
                out.println(differences.isEmpty() ? "every count read back equals what was written"
                        : "DIFFERENCES: " + String.join("; ", differences));
            }
            out.flush();
            return differences.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** What the read found that the generator did not write, as sentences; empty when all agree. */
    static List<String> differences(GenerationReport written, ScanSummary read) {
        List<String> differences = new ArrayList<>();
        compare(differences, "events", written.totalEvents(), read.events());
        compare(differences, "duplicates", written.duplicates(), read.duplicates());
        for (RejectReason reason : RejectReason.values()) {
            if (reason.isDecodeLevel()) {
                compare(differences, "rejected " + reason.code(), written.rejected(reason), read.rejected(reason));
            }
        }
        if (!read.holes().isEmpty()) {
            differences.add(read.holes().size() + " holes, none written");
        }
        return differences;
    }

    private static void compare(List<String> differences, String what, long written, long read) {
        if (written != read) {
            differences.add(what + ": wrote " + written + ", read " + read);
        }
    }

    private static SampleArchiveGenerator generatorFor(String view) {
        for (SampleArchiveGenerator generator : ServiceLoader.load(SampleArchiveGenerator.class)) {
            if (generator.view().equals(view)) {
                return generator;
            }
        }
        throw new NotFoundException("no sample-archive generator for view '" + view + "' on the class path");
    }
}
