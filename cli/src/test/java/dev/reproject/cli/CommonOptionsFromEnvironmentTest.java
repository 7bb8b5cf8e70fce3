package dev.reproject.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** REPROJECT_* variables reach the options of a plug-in command; the command line wins. */
class CommonOptionsFromEnvironmentTest {

    @Test
    void withoutVariablesTheDocumentedDefaultsApply() {
        CliRun run = CliRun.run("test-echo");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "view=order-history",
                "dynamodb-endpoint=null",
                "s3-endpoint=null",
                "region=null", // resolved by the AWS adapter (AwsRegions), not here
                "catalog-table=reproject-catalog");
    }

    @Test
    void variablesBecomeTheDefaults() {
        CliRun run = CliRun.run(Map.of(
                "REPROJECT_S3_ENDPOINT", "http://127.0.0.1:9000",
                "REPROJECT_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
                "REPROJECT_REGION", "eu-west-1"), "test-echo");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).contains(
                "s3-endpoint=http://127.0.0.1:9000",
                "dynamodb-endpoint=http://127.0.0.1:8000",
                "region=eu-west-1");
    }

    @Test
    void theCommandLineOverridesAVariable() {
        CliRun run = CliRun.run(Map.of("REPROJECT_S3_ENDPOINT", "http://127.0.0.1:9000"),
                "test-echo", "--s3-endpoint", "http://localhost:9999");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).contains("s3-endpoint=http://localhost:9999");
    }

    @Test
    void aBadValueInAVariableIsAUsageError() {
        CliRun run = CliRun.run(Map.of("REPROJECT_S3_ENDPOINT", "http://bad host"), "test-echo");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--s3-endpoint");
    }
}
