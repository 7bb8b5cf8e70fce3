package dev.reproject.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.cli.api.JobFailedException;
import dev.reproject.cli.api.JobMain;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.rebuild.cli.RebuildMain;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SandboxCredentials;
import dev.reproject.snapshot.cli.SnapshotMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The jobs' main classes as YARN's ApplicationMaster runs them in cluster mode ({@code spark.submit.deployMode}
 * set to {@code cluster} as a system property, {@code main} called in this JVM): a successful run returns from
 * {@code main}, a failed one throws with its exit status and reason. Had either called {@code System.exit}, this
 * test JVM would be gone and the build would fail. Every run, failed ones too, keeps its summary where an
 * orchestrator reads it: {@code <snapshots>/<view>/runs/<run id>.json}.
 */
@ExtendWith(LocalServersExtension.class)
class JobMainsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void in_cluster_mode_the_mains_return_on_success_and_throw_the_status_on_failure(LocalServers servers,
                                                                                     @TempDir Path dir)
            throws Exception {
        String archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(200).badFraction(0).build());
        String before = System.getProperty(JobMain.DEPLOY_MODE_PROPERTY);
        System.setProperty(JobMain.DEPLOY_MODE_PROPERTY, "cluster");
        SandboxCredentials.SystemPropertiesScope credentials = servers.credentials().inSystemProperties();
        try {
            SnapshotMain.main(args(servers, dir, "--run-id", "scheduled__2026-12-07T03:00:00+00:00"));
            RebuildMain.main(args(servers, dir, "--table", "cluster-mode", "--run-id", "rebuild-1"));

            assertThat(RebuildFixture.tableCount(RebuildFixture.target(servers, "cluster-mode",
                    WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE)))
                    .isEqualTo(200);
            JsonNode snapshot = runSummary(dir, "scheduled__2026-12-07T03-00-00-00-00");
            assertThat(snapshot.get("status").asText()).isEqualTo("committed");
            assertThat(snapshot.get("exitStatus").asInt()).isZero();
            assertThat(snapshot.get("items").asLong()).isEqualTo(200);
            JsonNode rebuild = runSummary(dir, "rebuild-1");
            assertThat(rebuild.get("status").asText()).isEqualTo("LOADED");
            assertThat(rebuild.get("snapshot").asText()).isEqualTo(snapshot.get("snapshotId").asText());
            assertThat(rebuild.get("command").asText()).isEqualTo("rebuild");

            assertThatThrownBy(() -> RebuildMain.main(args(servers, dir, "--table", "cluster-mode-2",
                    "--snapshot", "20260101T000000.000Z", "--run-id", "rebuild-2")))
                    .isInstanceOf(JobFailedException.class)
                    .hasMessageStartingWith("reproject rebuild failed with exit status 4 (not found): ")
                    .hasMessageContaining("20260101T000000.000Z");
            JsonNode failed = runSummary(dir, "rebuild-2");
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("exitStatus").asInt()).isEqualTo(4);
            assertThat(failed.get("error").asText()).contains("20260101T000000.000Z");
            assertThatThrownBy(() -> SnapshotMain.main(args(servers, dir, "--max-rejected", "-1")))
                    .isInstanceOf(JobFailedException.class)
                    .hasMessageStartingWith("reproject snapshot failed with exit status 2 (bad arguments): ");
        } finally {
            credentials.close();
            if (before == null) {
                System.clearProperty(JobMain.DEPLOY_MODE_PROPERTY);
            } else {
                System.setProperty(JobMain.DEPLOY_MODE_PROPERTY, before);
            }
        }
    }

    /** What an orchestrator reads after the run: {@code <snapshots>/<view>/runs/<id>.json}. */
    private static JsonNode runSummary(Path dir, String runId) throws IOException {
        return JSON.readTree(dir.resolve("snapshots/order-history/runs/" + runId + ".json").toFile());
    }

    private static String[] args(LocalServers servers, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("--archive", dir.resolve("archive").toString(), "--snapshots",
                dir.resolve("snapshots").toString(), "--master", "local[2]", "--dynamodb-endpoint",
                servers.dynamoDbEndpoint().toString(), "--region", servers.region()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
