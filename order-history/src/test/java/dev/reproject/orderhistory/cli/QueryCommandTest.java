package dev.reproject.orderhistory.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the commands refuse before they reach AWS: exit 2, one line naming the mistake, no stack trace. */
class QueryCommandTest {

    private static CliRun run(String... args) {
        // an endpoint nobody listens on: none of these runs may get as far as calling it
        return CliRun.run(Map.of("REPROJECT_DYNAMODB_ENDPOINT", "http://127.0.0.1:9"), args);
    }

    private static void assertUsageError(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--page-size|0|--page-size must be a whole number from 1 to 100, was '0'",
            "--page-size|101|--page-size must be a whole number from 1 to 100, was '101'",
            "--page-size|abc|--page-size must be a whole number from 1 to 100, was 'abc'",
            "--status|SHIPPED|--status 'SHIPPED' is not an order status",
            "--since|yesterday|--since must be an ISO-8601 instant",
            "--until|2026-11-30|--until must be an ISO-8601 instant",
            "--keyword|!!!|keyword '!!!' has no letter or digit",
            "--page-token|garbage|the page token is garbled or altered"})
    void badOptions_exit2(String option, String value, String message) {
        assertUsageError(run("query", "orders", "--consumer", "1", option, value), message);
    }

    @Test
    void theConsumer_isRequired() {
        assertUsageError(run("query", "orders"), "--consumer");
    }

    @Test
    void aQueryMustBeNamed() {
        assertUsageError(run("query"), "say which query");
        assertUsageError(run("query", "customers"), "customers");
    }

    @Test
    void anotherView_isAUsageError() {
        assertUsageError(run("query", "order", "1", "--view", "other-view"), "the query commands read the "
                + "order-history view, not 'other-view'");
    }

    @Test
    void serve_badPortOrThreads() {
        assertUsageError(run("serve", "--port", "70000"), "--port must be from 0 to 65535");
        assertUsageError(run("serve", "--threads", "0"), "--threads must be at least 1");
        assertUsageError(run("serve", "--port", "http"), "--port");
    }

    @Test
    void serve_onANonLoopbackAddress_needsAPageTokenKey() {
        assertUsageError(run("serve", "--host", "0.0.0.0", "--port", "0"), "serve on 0.0.0.0 needs a page-token key "
                + "of its own: the sandbox key is public");
    }

    @Test
    void thePageTokenKey_isNeverAnOption_andMustBeReadableAndLongEnough(@TempDir Path dir) throws Exception {
        Path shortKey = Files.writeString(dir.resolve("short"), "secret-but-short\n");
        Map<String, String> both = Map.of("REPROJECT_DYNAMODB_ENDPOINT", "http://127.0.0.1:9",
                "REPROJECT_PAGE_TOKEN_KEY", "k".repeat(40), "REPROJECT_PAGE_TOKEN_KEY_FILE", shortKey.toString());

        assertUsageError(run("query", "orders", "--consumer", "1", "--page-token-key", "k".repeat(40)),
                "the page-token key is never given on the command line");
        assertUsageError(run("serve", "--page-token-key-file", dir.resolve("missing").toString()),
                "cannot read --page-token-key-file " + dir.resolve("missing") + ": no such file");
        CliRun tooShort = run("query", "orders", "--consumer", "1", "--page-token-key-file", shortKey.toString());
        assertUsageError(tooShort, "holds 16 characters; it needs at least 32");
        assertThat(tooShort.err()).doesNotContain("secret-but-short");
        assertUsageError(CliRun.run(both, "query", "orders", "--consumer", "1"), "give the page-token key one way");
    }

    @Test
    void badServeLimits_exit2() {
        assertUsageError(run("serve", "--queue", "-1"), "--queue must be 0 or more");
        assertUsageError(run("serve", "--idle-timeout", "0"), "--idle-timeout must be more than 0");
        assertUsageError(run("serve", "--max-items-read", "0"), "--max-items-read must be at least 1");
        assertUsageError(run("query", "orders", "--consumer", "1", "--max-items-read", "0"),
                "--max-items-read must be at least 1");
    }

    @Test
    void everyCommand_hasHelp() {
        for (String[] args : new String[][]{{"query", "--help"}, {"query", "orders", "--help"},
                {"query", "order", "--help"}, {"serve", "--help"}}) {
            CliRun run = run(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage:");
        }
    }
}
