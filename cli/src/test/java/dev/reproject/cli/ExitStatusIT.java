package dev.reproject.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reproject} keeps its exit statuses (CONTRACT.md §7) now that the jobs' main classes end differently in
 * spark-submit's cluster mode: 0, 1, 2, 3 and 4 from real commands on real inputs.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class ExitStatusIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_cli_exits_0_1_2_3_and_4(LocalServers servers, @TempDir Path dir) throws Exception {
        String archive = dir.resolve("archive").toString();
        String snapshots = dir.resolve("snapshots").toString();
        Map<String, String> env = Map.of("REPROJECT_DYNAMODB_ENDPOINT", servers.dynamoDbEndpoint().toString(),
                "REPROJECT_REGION", servers.region());

        CliRun generate = CliRun.run(env, "generate", "--archive", archive, "--orders", "100", "--bad-records",
                "0.05");
        assertThat(generate.exitCode()).as(generate.err()).isZero();

        CliRun tooMany = CliRun.run(env, "snapshot", "--archive", archive, "--snapshots", snapshots,
                "--master", "local[2]", "--max-rejected", "0", "--json");
        assertThat(tooMany.exitCode()).as(tooMany.err()).isEqualTo(3);
        assertThat(JSON.readTree(tooMany.out()).get("status").asText()).isEqualTo("committed");
        assertThat(tooMany.err()).contains("more than --max-rejected 0");

        CliRun unknownView = CliRun.run(env, "snapshot", "--archive", archive, "--snapshots", snapshots,
                "--view", "no-such-view");
        assertThat(unknownView.exitCode()).as(unknownView.err()).isEqualTo(4);
        assertThat(unknownView.err()).startsWith("reproject: no view named 'no-such-view'");

        CliRun badValue = CliRun.run(env, "snapshot", "--archive", archive, "--snapshots", snapshots,
                "--max-rejected", "-1");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).startsWith("reproject: --max-rejected must be 0 or more, was -1");

        CliRun unreachable = CliRun.run(Map.of(), "status", "--dynamodb-endpoint",
                "http://127.0.0.1:" + closedPort(), "--region", servers.region());
        assertThat(unreachable.exitCode()).as(unreachable.err()).isEqualTo(1);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
