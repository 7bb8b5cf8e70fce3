package dev.reproject.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.s3.S3ArchiveStore;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded snapshot and rebuild jars as EMR would run them: {@code org.apache.spark.deploy.SparkSubmit}
 * in its own JVM with only Spark and Hadoop on the class path, the archive and snapshots in the local S3
 * server (s3a), the table and the catalog in dynalite — real calls through the relocated AWS SDK.
 */
@ExtendWith(LocalServersExtension.class)
class EmrRebuildJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void snapshot_then_rebuild_through_spark_submit(LocalServers servers, @TempDir Path dir) throws Exception {
        AwsSettings aws = new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.of(servers.s3Endpoint()),
                servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                servers.credentials().secretAccessKey());
        try (S3ArchiveStore store = S3ArchiveStore.owning("s3a://emr-rebuild/archive", AwsClients.s3(aws))) {
            OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(500).build());
        }

        submit(servers, dir, jar("snapshot-job"), "dev.reproject.snapshot.cli.SnapshotMain", "snapshot");
        JsonNode rebuild = submit(servers, dir, jar("rebuild-job"), "dev.reproject.rebuild.cli.RebuildMain", "rebuild",
                "--table", "emr-rebuild", "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString());

        assertThat(rebuild.get("status").asText()).isEqualTo("LOADED");
        assertThat(rebuild.get("counts").get("items").asLong()).isEqualTo(500);
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(aws)) {
            assertThat(dynamo.scan(b -> b.tableName("emr-rebuild").select("COUNT")).count()).isEqualTo(500);
            assertThat(dynamo.scan(b -> b.tableName("reproject-catalog")).count()).isEqualTo(1);
        }
    }

    private static JsonNode submit(LocalServers servers, Path dir, Path jar, String main, String name, String... more)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daws.accessKeyId=" + servers.credentials().accessKeyId(),
                "-Daws.secretAccessKey=" + servers.credentials().secretAccessKey(),
                "-cp", sparkOnlyClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.hadoop.fs.s3a.access.key=" + servers.credentials().accessKeyId(),
                "--conf", "spark.hadoop.fs.s3a.secret.key=" + servers.credentials().secretAccessKey(),
                "--class", main, jar.toString(),
                "--archive", "s3a://emr-rebuild/archive", "--snapshots", "s3a://emr-rebuild/snapshots",
                "--s3-endpoint", servers.s3Endpoint().toString(), "--json"));
        command.addAll(List.of(more));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        return JSON.readTree(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    }

    /** The shaded jar a module's build made (this module's, or a sibling's). */
    private static Path jar(String module) throws Exception {
        Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-emr.jar")).findFirst().orElseThrow();
        }
    }

    /** This test JVM's class path without our own modules and picocli: what a cluster has. */
    private static String sparkOnlyClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("reproject") && !entry.endsWith("classes") && !entry.contains("picocli"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
