package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --log-format json} and {@code REPROJECT_LOG_FORMAT=json}: each log line one JSON object, in a real CLI JVM. */
class LogFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonLogLines_fromTheOption_beforeOrAfterTheCommand_orTheEnvironment(@TempDir Path dir) throws Exception {
        List<ChildCli> runs = List.of(
                ChildCli.run(dir, Map.of(), "--log-format", "json", "test-log", "--message", "hello \"json\""),
                ChildCli.run(dir, Map.of(), "test-log", "--message", "hello \"json\"", "--log-format=json"),
                ChildCli.run(dir, Map.of("REPROJECT_LOG_FORMAT", "json"), "test-log", "--message", "hello \"json\""));

        for (ChildCli run : runs) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            List<String> lines = run.errLines();
            assertThat(lines).as(run.err()).hasSize(1);
            JsonNode line = JSON.readTree(lines.get(0));
            assertThat(line.get("message").asText()).isEqualTo("hello \"json\"");
            assertThat(line.get("log.level").asText()).isEqualTo("INFO");
            assertThat(line.get("log.logger").asText()).isEqualTo("dev.reproject.test");
            assertThat(line.has("@timestamp")).isTrue();
        }
    }

    @Test
    void textLogLines_byDefault_andWhenTheOptionOverridesTheEnvironment(@TempDir Path dir) throws Exception {
        ChildCli plain = ChildCli.run(dir, Map.of(), "test-log", "--message", "hello text");
        ChildCli overridden = ChildCli.run(dir, Map.of("REPROJECT_LOG_FORMAT", "json"), "--log-format", "text",
                "test-log", "--message", "hello text");

        for (ChildCli run : List.of(plain, overridden)) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.errLines().get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  test - hello text");
        }
    }

    @Test
    void anUnknownFormat_isAUsageError(@TempDir Path dir) throws Exception {
        ChildCli run = ChildCli.run(dir, Map.of(), "--log-format", "xml", "test-log", "--message", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).isEqualTo("--log-format must be text or json, was 'xml'");
    }
}
