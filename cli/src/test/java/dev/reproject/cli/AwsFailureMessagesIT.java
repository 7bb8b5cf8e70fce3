package dev.reproject.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user sees when AWS cannot be used (CONTRACT.md §7): {@code reproject} in a JVM of its own with a clean
 * environment — no credentials anywhere (the profile files empty, no {@code AWS_*} variables, no {@code aws.*}
 * properties, instance metadata off) — or pointed at a port where nothing listens. At most two lines, naming what is
 * missing or unreachable and how to fix it, no stack trace; the whole cause only with {@code REPROJECT_DEBUG=1}.
 */
class AwsFailureMessagesIT {

    @TempDir
    Path home;

    @Test
    void withoutCredentialsTheMessageNamesEveryWayToProvideThem() throws Exception {
        ChildCli run = ChildCli.run(home, Map.of(), "status", "--region", "eu-west-1",
                "--dynamodb-endpoint", "http://127.0.0.1:" + closedPort());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).as(run.err()).hasSizeBetween(1, 2);
        assertThat(run.err()).startsWith("reproject: no AWS credentials for DynamoDB")
                .contains("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "instance role",
                        "reproject sandbox", "REPROJECT_DEBUG=1")
                .doesNotContain("\tat ", "Exception", "providers in the chain");
    }

    @Test
    void s3aWithoutCredentialsSaysTheSame() throws Exception {
        ChildCli run = ChildCli.run(home, Map.of(), "status", "--region", "eu-west-1",
                "--s3-endpoint", "http://127.0.0.1:" + closedPort(), "--snapshots", "s3a://no-credentials/snapshots");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines()).as(run.err()).hasSizeBetween(1, 2);
        assertThat(run.err()).startsWith("reproject: no AWS credentials for S3 (s3a)")
                .contains("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "instance role",
                        "reproject sandbox")
                .doesNotContain("\tat ", "NoAuthWithAWSException");
    }

    @Test
    void anEndpointWhereNothingListensIsNamedWithItsService() throws Exception {
        int port = closedPort();
        ChildCli run = ChildCli.run(home, credentials(), "status", "--dynamodb-endpoint", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines()).as(run.err()).hasSizeBetween(1, 2);
        assertThat(run.err()).startsWith("reproject: cannot reach DynamoDB at http://127.0.0.1:" + port + ": ")
                .contains("Connection refused", "--dynamodb-endpoint")
                .doesNotContain("\tat ", "Unable to execute HTTP request");
    }

    @Test
    void debugShowsTheWholeCause() throws Exception {
        ChildCli run = ChildCli.run(home, Map.of("REPROJECT_DEBUG", "1"), "status", "--region", "eu-west-1",
                "--dynamodb-endpoint", "http://127.0.0.1:" + closedPort());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("reproject: no AWS credentials for DynamoDB")
                .contains("\tat ", "Unable to load credentials from any of the providers in the chain");
    }

    /** Credentials that would do, so that the connection is what fails; never real ones. */
    private static Map<String, String> credentials() {
        return Map.of("AWS_ACCESS_KEY_ID", "AKIDUNREACHABLE", "AWS_SECRET_ACCESS_KEY", "unreachable-secret");
    }

    /** A loopback port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
