package dev.reproject.jobjars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.s3.MissingBucket;
import dev.reproject.aws.s3.S3ArchiveStore;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.StandInCluster;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pair of shaded snapshot and rebuild jars (the latter with verify too) as EMR would run them: {@code org.apache.spark.deploy.SparkSubmit} in
 * its own JVM with only Spark and Hadoop on the class path (the test's, which is the Spark line's own) and the JVM
 * options spark-submit's launcher adds, the archive and snapshots in the local S3 server (s3a), the table and the
 * catalog in dynalite — real calls through the relocated AWS SDK. The reference view comes from inside the jars:
 * no {@code --jars}. One subclass per Spark line, each in the module that builds its jars.
 */
@ExtendWith(LocalServersExtension.class)
public abstract class ShadedJobJarsContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The jars' classifiers are {@code snapshot-LABEL} and {@code rebuild-LABEL}, e.g. {@code emr}. */
    protected abstract String label();

    @Test
    void snapshot_then_rebuild_then_verify_through_spark_submit(LocalServers servers, @TempDir Path dir)
            throws Exception {
        AwsSettings aws = new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.of(servers.s3Endpoint()),
                servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                        servers.credentials().secretAccessKey());
        try (S3ArchiveStore store = S3ArchiveStore.owning("s3a://emr-rebuild/archive", AwsClients.s3(aws),
                MissingBucket.CREATE)) {
            OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(500).build());
        }

        submit(servers, dir, jar("snapshot"), "dev.reproject.snapshot.cli.SnapshotMain", "snapshot",
                "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString()); // where its lease is kept
        JsonNode rebuild = submit(servers, dir, jar("rebuild"), "dev.reproject.rebuild.cli.RebuildMain",
                "rebuild", "--table", "emr-rebuild", "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString());

        assertThat(rebuild.get("status").asText()).isEqualTo("LOADED");
        assertThat(rebuild.get("counts").get("items").asLong()).isEqualTo(500);
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(aws)) {
            assertThat(dynamo.scan(b -> b.tableName("emr-rebuild").select("COUNT")).count()).isEqualTo(500);
            assertThat(dynamo.scan(b -> b.tableName("reproject-catalog")).count()).isEqualTo(1);
        }

        // the rebuild jar verifies too: the table it loaded equals the recomputation, every key
        JsonNode verify = submit(servers, dir, jar("rebuild"), "dev.reproject.verify.cli.VerifyMain", "verify",
                "--rebuild", rebuild.get("id").asText(), "--dynamodb-endpoint",
                servers.dynamoDbEndpoint().toString());
        assertThat(verify.get("status").asText()).isEqualTo("clean");
        assertThat(verify.get("counts").get("equal").asLong()).isEqualTo(500);
        assertThat(verify.get("report").asText()).startsWith("s3a://emr-rebuild/snapshots/order-history/verify/");
    }

    @Test
    void each_jar_holds_its_own_job_and_not_the_other() throws Exception {
        assertThat(classes(jar("snapshot"))).contains("dev/reproject/snapshot/cli/SnapshotMain.class",
                "dev/reproject/spark/SparkSessions.class", "dev/reproject/orderhistory/view/OrderHistoryView.class")
                .noneMatch(
                        name -> name.startsWith("dev/reproject/rebuild/") || name.startsWith("dev/reproject/verify/"));
        assertThat(classes(jar("rebuild"))).contains("dev/reproject/rebuild/cli/RebuildMain.class",
                "dev/reproject/verify/cli/VerifyMain.class", "dev/reproject/spark/SparkSessions.class",
                "dev/reproject/orderhistory/view/OrderHistoryView.class")
                .noneMatch(name -> name.startsWith("dev/reproject/snapshot/"));
    }

    private static JsonNode submit(LocalServers servers, Path dir, Path jar, String main, String name, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.hadoop.fs.s3a.access.key=" + servers.credentials().accessKeyId(),
                "--conf", "spark.hadoop.fs.s3a.secret.key=" + servers.credentials().secretAccessKey(),
                "--class", main, jar.toString(),
                "--archive", "s3a://emr-rebuild/archive", "--snapshots", "s3a://emr-rebuild/snapshots",
                "--s3-endpoint", servers.s3Endpoint().toString(), "--json"));
        args.addAll(List.of(more));
        // the --add-opens spark-submit's launcher gives the driver JVM (Spark 3.5 needs them on Java 17)
        List<String> jvmOptions = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
        jvmOptions.add("-Daws.accessKeyId=" + servers.credentials().accessKeyId());
        jvmOptions.add("-Daws.secretAccessKey=" + servers.credentials().secretAccessKey());
        StandInCluster.Run run = StandInCluster.submit(dir, name, jvmOptions, args);
        assertThat(run.exitCode()).as(run.logText()).isZero();
        return JSON.readTree(run.jsonLine());
    }

    /** The shaded jar of one job ({@code snapshot} or {@code rebuild}) that this module's build made. */
    private Path jar(String job) throws Exception {
        String suffix = "-" + job + "-" + label() + ".jar";
        try (var files = Files.list(Path.of("target").toAbsolutePath())) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no *" + suffix + " in target: run mvn package"));
        }
    }

    private static List<String> classes(Path jar) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).toList();
        }
    }
}
