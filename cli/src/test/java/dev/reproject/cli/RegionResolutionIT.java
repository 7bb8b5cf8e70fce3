package dev.reproject.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which region {@code reproject} signs its calls for when {@code --region} is not given (CONTRACT.md §7), seen from
 * the server's side: a child JVM with a chosen environment runs {@code status} against a recording endpoint, and the
 * SigV4 scope of every {@code Authorization} header names the region — DynamoDB through our client, S3 through Spark's
 * s3a ({@code --snapshots}).
 */
class RegionResolutionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private RecordingAwsEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        endpoint = new RecordingAwsEndpoint();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void awsRegionInTheEnvironmentIsUsedWhenNoRegionIsGiven() throws Exception {
        ChildCli run = status(Map.of("AWS_REGION", "eu-west-1"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertSignedFor("eu-west-1");
        assertThat(JSON.readTree(run.out()).get("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void theProfilesRegionComesNext() throws Exception {
        Path config = Files.writeString(home.resolve("config"), "[profile reporting]\nregion = ap-southeast-2\n");

        ChildCli run = status(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "reporting"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertSignedFor("ap-southeast-2");
    }

    @Test
    void theRegionOptionWinsOverTheEnvironment() throws Exception {
        ChildCli run = status(Map.of("AWS_REGION", "eu-west-1", "REPROJECT_REGION", "eu-central-1"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertSignedFor("eu-central-1");
    }

    @Test
    void withEndpointOverridesAndNoRegionAnywhereLocalServersGetUsEast1() throws Exception {
        ChildCli run = status(Map.of());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertSignedFor("us-east-1");
        assertThat(run.out()).contains("\"region\":\"us-east-1\"");
    }

    @Test
    void withoutEndpointOverridesAndNoRegionAnywhereTheRunStopsSayingHowToGiveOne() throws Exception {
        ChildCli run = ChildCli.run(home, credentials(Map.of()), "status");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("reproject: no AWS region")
                .contains("--region", "REPROJECT_REGION", "AWS_REGION", "AWS_PROFILE");
        assertThat(endpoint.calls()).isEmpty();
    }

    /** {@code status --json} with the catalog and the snapshots on the recording endpoint, dummy credentials. */
    private ChildCli status(Map<String, String> environment) throws Exception {
        return ChildCli.run(home, credentials(environment), "status", "--json",
                "--dynamodb-endpoint", endpoint.uri().toString(), "--s3-endpoint", endpoint.uri().toString(),
                "--snapshots", "s3a://region-check/snapshots");
    }

    private static Map<String, String> credentials(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("AWS_ACCESS_KEY_ID", "AKIDREGIONCHECK");
        all.put("AWS_SECRET_ACCESS_KEY", "region-check-secret");
        return all;
    }

    /** Every call, DynamoDB's and s3a's, was signed for {@code region} (and there were some of each). */
    private void assertSignedFor(String region) {
        List<RecordingAwsEndpoint.Call> dynamo = endpoint.calls("dynamodb");
        List<RecordingAwsEndpoint.Call> s3 = endpoint.calls("s3");
        assertThat(dynamo).as("DynamoDB calls").isNotEmpty()
                .allSatisfy(c -> assertThat(c.authorization()).contains("/" + region + "/dynamodb/aws4_request"));
        assertThat(s3).as("s3a calls").isNotEmpty()
                .allSatisfy(c -> assertThat(c.authorization()).contains("/" + region + "/s3/aws4_request"));
    }
}
