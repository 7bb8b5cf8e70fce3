package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.SparkSessions;
import dev.reproject.spark.archive.ArchiveReader;
import dev.reproject.spark.archive.ArchiveScan;
import dev.reproject.spark.archive.ScanSummary;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reproject generate} writes archives of over 100,000 events with every kind of bad input; the Spark
 * reader must read back exactly what the generator says it wrote: into the local S3 server through s3a,
 * and into a local directory grown with {@code --append} and read incrementally.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class ArchiveRoundTripIT {

    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalServers servers;
    private static SparkSession spark;

    @BeforeAll
    static void start(LocalServers localServers) {
        servers = localServers;
        spark = SparkSessions.create("ArchiveRoundTripIT", Optional.of("local[2]"),
                new S3aSettings(Optional.of(servers.s3Endpoint()), servers.region(),
                        Optional.of(servers.credentials().accessKeyId()),
                        Optional.of(servers.credentials().secretAccessKey())));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void an_archive_in_s3_reads_back_as_generated() throws IOException {
        String archive = "s3a://round-trip/archive";
        JsonNode written = generate("--archive", archive, "--orders", "52000", "--bad-records", "0.01",
                "--layout", "HOURLY", "--gzip", "--s3-endpoint", servers.s3Endpoint().toString(), "--create-bucket");
        assertThat(written.get("events").asLong()).isGreaterThanOrEqualTo(100_000);

        try (ArchiveScan scan = read(archive, ArchivePosition.beginning());
             ArchiveScan viaS3Scheme = read("s3://round-trip/archive", ArchivePosition.beginning())) {
            assertReadAsWritten(scan.summary(), written);
            assertThat(scan.events().count()).isEqualTo(written.get("events").asLong());
            // s3:// as on EMR (served by s3a here) reads the same
            assertThat(viaS3Scheme.summary()).isEqualTo(scan.summary());
        }
    }

    @Test
    void a_local_archive_grown_with_append_reads_back_run_by_run(@TempDir Path dir) throws IOException {
        String archive = dir.resolve("archive").toString();
        JsonNode first = generate("--archive", archive, "--orders", "30000", "--bad-records", "0.01");
        ArchivePosition afterFirst;
        try (ArchiveScan scan = read(archive, ArchivePosition.beginning())) {
            assertReadAsWritten(scan.summary(), first);
            afterFirst = scan.position();
        }

        JsonNode second = generate("--archive", archive, "--orders", "25000", "--bad-records", "0.01", "--append");
        try (ArchiveScan scan = read(archive, afterFirst)) {
            assertReadAsWritten(scan.summary(), second);
            assertThat(scan.summary().filesCovered()).isEqualTo(first.get("files").asLong());
            // every partition goes on from where the first run ended
            second.get("endOffsets").fields().forEachRemaining(end -> assertThat(
                    scan.summary().watermark().offsets().get(partition(end.getKey())))
                    .isEqualTo(end.getValue().asLong()));
        }

        try (ArchiveScan whole = read(archive, ArchivePosition.beginning())) {
            ScanSummary s = whole.summary();
            assertThat(s.events()).isGreaterThanOrEqualTo(100_000)
                    .isEqualTo(first.get("events").asLong() + second.get("events").asLong());
            assertThat(s.duplicates()).isEqualTo(first.get("duplicates").asLong() + second.get("duplicates").asLong());
            for (RejectReason reason : List.of(RejectReason.NOT_JSON, RejectReason.MISSING_HEADER,
                    RejectReason.BAD_PAYLOAD, RejectReason.UNREADABLE_FILE)) {
                assertThat(s.rejected(reason)).as(reason.code())
                        .isEqualTo(injected(first, reason) + injected(second, reason));
            }
        }
    }

    private static JsonNode generate(String... args) throws IOException {
        String[] withJson = Stream.concat(Stream.of("generate", "--json"), Stream.of(args)).toArray(String[]::new);
        CliRun run = CliRun.run(Map.of(), withJson);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static ArchiveScan read(String archive, ArchivePosition from) throws IOException {
        return new ArchiveReader(spark, ArchiveRoot.of(archive)).scan(List.of(TOPIC), from, false);
    }

    private static void assertReadAsWritten(ScanSummary read, JsonNode written) {
        assertThat(read.events()).as("events").isEqualTo(written.get("events").asLong());
        assertThat(read.duplicates()).as("duplicates").isEqualTo(written.get("duplicates").asLong());
        assertThat(read.records()).as("records").isEqualTo(written.get("records").asLong());
        for (RejectReason reason : List.of(RejectReason.NOT_JSON, RejectReason.MISSING_HEADER,
                RejectReason.BAD_PAYLOAD, RejectReason.UNREADABLE_FILE)) {
            assertThat(injected(written, reason)).as("injected " + reason.code()).isPositive();
            assertThat(read.rejected(reason)).as(reason.code()).isEqualTo(injected(written, reason));
        }
        assertThat(read.holes()).isEmpty();
        assertThat(read.deferred()).isZero();
    }

    private static long injected(JsonNode report, RejectReason reason) {
        JsonNode count = report.get("rejected").get(reason.code());
        return count == null ? 0 : count.asLong();
    }

    private static SourcePartition partition(String name) {
        int dash = name.lastIndexOf('-');
        return new SourcePartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
    }
}
