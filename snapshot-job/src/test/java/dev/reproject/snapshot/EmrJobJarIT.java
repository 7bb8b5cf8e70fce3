package dev.reproject.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.reproject.snapshot.ActivityArchive.lines;
import static dev.reproject.snapshot.ActivityArchive.placed;
import static dev.reproject.snapshot.ActivityArchive.registered;
import static dev.reproject.snapshot.ConsumerActivityView.CONSUMERS;
import static dev.reproject.snapshot.ConsumerActivityView.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded job jar, as EMR would run it: {@code org.apache.spark.deploy.SparkSubmit} in its own JVM
 * with only Spark and Hadoop on the class path (none of our classes, no picocli), reading an archive in
 * the local S3 server through s3a and committing a snapshot there.
 */
@ExtendWith(LocalServersExtension.class)
class EmrJobJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_shaded_jar_runs_through_spark_submit_against_s3(LocalServers servers, @TempDir Path dir) throws Exception {
        S3Client s3 = S3Client.builder().endpointOverride(servers.s3Endpoint()).forcePathStyle(true)
                .region(Region.of(servers.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        servers.credentials().accessKeyId(), servers.credentials().secretAccessKey())))
                .build();
        s3.createBucket(b -> b.bucket("emr-jar"));
        ActivityArchive archive = new ActivityArchive(dir.resolve("archive"));
        String consumers = archive.append(CONSUMERS, 0, lines(registered(archive.nextId(), "c1", "Ann")));
        String orders = archive.append(ORDERS, 0, lines(placed(archive.nextId(), "o1", "c1", "R1"),
                placed(archive.nextId(), "o2", "c1", "R2")));
        for (String file : List.of(consumers, orders)) {
            s3.putObject(b -> b.bucket("emr-jar").key("archive/" + file),
                    RequestBody.fromFile(archive.root().resolve(file)));
        }

        Path jar = shadedJar();
        // a test view is not in the job jar: it comes along like a user's view jar would (spark-submit --jars)
        Path viewJar = dir.resolve("test-view.jar");
        jarOfTestClasses(viewJar);
        Process submit = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", sparkOnlyClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.hadoop.fs.s3a.access.key=" + servers.credentials().accessKeyId(),
                "--conf", "spark.hadoop.fs.s3a.secret.key=" + servers.credentials().secretAccessKey(),
                "--jars", viewJar.toString(),
                "--class", "dev.reproject.snapshot.cli.SnapshotMain", jar.toString(),
                "--archive", "s3a://emr-jar/archive", "--snapshots", "s3a://emr-jar/snapshots",
                "--view", ConsumerActivityView.NAME, "--s3-endpoint", servers.s3Endpoint().toString(), "--json")
                .redirectError(dir.resolve("spark-submit.log").toFile())
                .start();
        String out = new String(submit.getInputStream().readAllBytes());
        assertThat(submit.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(submit.exitValue()).as(Files.readString(dir.resolve("spark-submit.log"))).isZero();

        JsonNode summary = JSON.readTree(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(summary.get("status").asText()).isEqualTo("committed");
        assertThat(summary.get("items").asLong()).isEqualTo(1);
        assertThat(summary.get("applied").asLong()).isEqualTo(3);
        assertThat(s3.listObjectsV2(b -> b.bucket("emr-jar").prefix("snapshots/" + ConsumerActivityView.NAME + "/"))
                .contents()).anySatisfy(o -> assertThat(o.key()).endsWith("/manifest.json"));
    }

    private static Path shadedJar() throws Exception {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-emr.jar")).findFirst().orElseThrow()
                    .toAbsolutePath();
        }
    }

    /** This test JVM's class path without our own modules and picocli: what a cluster has. */
    private static String sparkOnlyClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("reproject") && !entry.endsWith("classes") && !entry.contains("picocli"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void jarOfTestClasses(Path jar) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jar").toString(),
                "cf", jar.toString(), "-C", Path.of("target", "test-classes").toAbsolutePath().toString(), ".")
                .inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }
}
