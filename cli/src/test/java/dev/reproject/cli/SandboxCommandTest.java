package dev.reproject.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxCommandTest {

    @Test
    void exportsOnlyReprojectVariablesSortedAndQuotedForTheShell() {
        Map<String, String> environment = Map.of(
                "REPROJECT_S3_ENDPOINT", "http://127.0.0.1:41234",
                "REPROJECT_BOOTSTRAP_SERVERS", "127.0.0.1:40001",
                "REPROJECT_REGION", "us-east-1",
                "REPROJECT_ODD", "it's here",
                "REPROJECT_SECRET_ACCESS_KEY", "must-not-appear",
                "AWS_SECRET_ACCESS_KEY", "must-not-appear-either");

        assertThat(SandboxCommand.exportLines(environment)).containsExactly(
                "export REPROJECT_BOOTSTRAP_SERVERS=127.0.0.1:40001",
                "export REPROJECT_ODD='it'\\''s here'",
                "export REPROJECT_REGION=us-east-1",
                "export REPROJECT_S3_ENDPOINT=http://127.0.0.1:41234");
    }

    @Test
    void isListedWithHelp() {
        CliRun run = CliRun.run("sandbox", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: reproject sandbox [-hV]");
        assertThat(CliRun.run("--help").out()).containsPattern("(?m)^  sandbox\\s+Starts DynamoDB-");
    }
}
