package dev.reproject.archiver.cli;

import dev.reproject.cli.api.CommandLines;
import dev.reproject.cli.api.CommandPlugin;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        CommandLine command = CommandLines.configure(new CommandLine(new ArchiveCommand()), environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void isContributedThroughTheCommandPluginSpi() {
        assertThat(ServiceLoader.load(CommandPlugin.class).stream().map(ServiceLoader.Provider::type))
                .contains(ArchiverCommands.class);
        assertThat(new ArchiverCommands().commands()).singleElement().isInstanceOf(ArchiveCommand.class);
    }

    @Test
    void withoutBootstrapServersItIsAUsageError() {
        Run run = run(Map.of(), "--archive", "/tmp/nowhere");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bootstrap-servers");
    }

    @Test
    void theBootstrapServersMayComeFromTheKafkaConfigurationAndAMissingFileIsAUsageError() {
        Run run = run(Map.of(), "--archive", "/tmp/nowhere", "--kafka-config", "/nonexistent/client.properties");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--kafka-config /nonexistent/client.properties: no such file");
    }

    @Test
    void aFileSizeBelowOneIsAUsageError() {
        Run run = run(Map.of("REPROJECT_BOOTSTRAP_SERVERS", "127.0.0.1:9"), "--archive", "/tmp/nowhere",
                "--records-per-file", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--records-per-file must be 1 or more, was 0");
    }

    @Test
    void helpListsTheOptions() {
        CommandLine command = new CommandLine(new ArchiveCommand());

        assertThat(command.getUsageMessage()).contains("--bootstrap-servers=HOSTS", "--archive=URI", "--topic=TOPIC",
                "--records-per-file=N", "--[no-]gzip", "--json", "--view", "--kafka-config=FILE",
                "--kafka-property=KEY=VALUE");
    }
}
