package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate}, {@code snapshot}, {@code rebuild} and {@code status} through the CLI, on dynalite. */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class RebuildCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_rebuild_is_loaded_recorded_and_repeatable(LocalServers servers, @TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("REPROJECT_DYNAMODB_ENDPOINT", servers.dynamoDbEndpoint().toString(),
                "REPROJECT_CATALOG_TABLE", "rebuild-command-catalog");
        String archive = dir.resolve("archive").toString();
        String snapshots = dir.resolve("snapshots").toString();
        run(env, "generate", "--archive", archive, "--orders", "1500", "--bad-records", "0.01");
        run(env, "snapshot", "--archive", archive, "--snapshots", snapshots, "--master", "local[2]");

        JsonNode first = JSON.readTree(run(env, "rebuild", "--archive", archive, "--snapshots", snapshots,
                "--table", "rebuild-command", "--master", "local[2]", "--json"));
        assertThat(first.get("status").asText()).isEqualTo("LOADED");
        assertThat(first.get("counts").get("items").asLong()).isEqualTo(1500);

        JsonNode again = JSON.readTree(run(env, "rebuild", "--archive", archive, "--snapshots", snapshots,
                "--table", "rebuild-command", "--master", "local[2]", "--json"));
        assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(again.get("handoff")).isEqualTo(first.get("handoff"));

        JsonNode status = JSON.readTree(run(env, "status", "--snapshots", snapshots, "--json"));
        assertThat(status.get("rebuilds")).hasSize(1);
        assertThat(status.get("rebuilds").get(0).get("status").asText()).isEqualTo("LOADED");
    }

    private static String run(Map<String, String> env, String... args) {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }
}
