package dev.reproject.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReprojectTest {

    @Test
    void helpListsTheCommandsButNotHiddenOnes() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: reproject [-hV] [--log-format=FORMAT] [COMMAND]")
                .contains("Commands:")
                .containsPattern("(?m)^  help\\s+Display help information about the specified command\\.$")
                .doesNotContain("test-echo", "test-fail", "test-log");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionWithoutAJarManifestIsDev() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("reproject dev" + System.lineSeparator());
    }

    @Test
    void pluginCommandsGetHelpAndVersionOptionsToo() {
        CliRun help = CliRun.run("test-echo", "--help");
        CliRun version = CliRun.run("test-echo", "--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: reproject test-echo ").contains("--s3-endpoint=URL")
                .contains("--log-format=FORMAT");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("reproject dev");
    }

    @Test
    void unknownOptionIsAUsageErrorWithPicocliMessage() {
        CliRun run = CliRun.run("--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown option: '--no-such-option'").contains("Usage: reproject");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMistypedOptionIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.run("test-echo", "--s3-endpoitn", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown options: '--s3-endpoitn', 'http://127.0.0.1:1'")
                .contains("Possible solutions: --s3-endpoint");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.run("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unmatched argument at index 0: 'frobnicate'");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required subcommand").contains("Usage: reproject");
    }

    @Test
    void anUnrelatedReprojectVersionVariableDoesNotTurnOnVersion() {
        CliRun run = CliRun.run(Map.of("REPROJECT_VERSION", "1.2.3", "REPROJECT_HELP", "true"), "test-echo");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("view=order-history");
    }
}
