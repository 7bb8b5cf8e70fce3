package dev.reproject.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exceptions thrown by a command become exit statuses and one-line messages (CONTRACT.md §7). */
class ErrorHandlerTest {

    @Test
    void notFoundIsFour() {
        CliRun run = CliRun.run("test-fail", "--with", "not-found");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("reproject: no order 'o-42'" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void busyIsFive() {
        CliRun run = CliRun.run("test-fail", "--with", "busy");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).isEqualTo("reproject: busy: table/t is held by rebuild t@x" + System.lineSeparator());
    }

    @Test
    void refusedIsEight() {
        CliRun run = CliRun.run("test-fail", "--with", "refused");

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).isEqualTo("reproject: refusing to retire t@x: table t serves view v"
                + System.lineSeparator());
    }

    @Test
    void illegalArgumentIsAUsageError() {
        CliRun run = CliRun.run("test-fail", "--with", "illegal-argument");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("reproject: --orders must be positive, was -1" + System.lineSeparator());
    }

    @Test
    void parameterExceptionFromACommandIsAUsageErrorWithUsage() {
        CliRun run = CliRun.run("test-fail", "--with", "parameter");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--snapshot needs --archive").contains("Usage: reproject test-fail");
    }

    @Test
    void anythingElseIsAFailureWithoutStackTrace() {
        CliRun run = CliRun.run("test-fail", "--with", "other");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("reproject: the archive vanished" + System.lineSeparator());
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() {
        CliRun run = CliRun.run("test-fail", "--with", "no-message");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("reproject: IllegalStateException" + System.lineSeparator());
    }

    @Test
    void anAdaptersExplainerGivesTheMessageForAFailureItKnows() {
        CliRun run = CliRun.run("test-fail", "--with", "raw-sdk-credentials");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).startsWith("reproject: no AWS credentials: the AWS default chain found none")
                .contains("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "reproject sandbox")
                .doesNotContain(TestCommandPlugin.RAW_CHAIN);
    }

    @Test
    void withDebugTheWholeCauseFollowsTheExplanation() {
        CliRun run = CliRun.run(Map.of("REPROJECT_DEBUG", "1"), "test-fail", "--with", "raw-sdk-credentials");

        assertThat(run.err()).startsWith("reproject: no AWS credentials").contains(TestCommandPlugin.RAW_CHAIN,
                "\tat ");
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun run = CliRun.run(Map.of("REPROJECT_DEBUG", "1"), "test-fail", "--with", "other");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("reproject: the archive vanished" + System.lineSeparator()
                + "java.lang.IllegalStateException: the archive vanished")
                .contains("at dev.reproject.cli.TestCommandPlugin$Fail.call");
    }

    @Test
    void debugZeroIsOff() {
        CliRun run = CliRun.run(Map.of("REPROJECT_DEBUG", "0"), "test-fail", "--with", "other");

        assertThat(run.err()).isEqualTo("reproject: the archive vanished" + System.lineSeparator());
    }
}
