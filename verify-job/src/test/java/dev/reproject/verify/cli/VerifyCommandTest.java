package dev.reproject.verify.cli;

import dev.reproject.cli.api.CommandLines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options of {@code verify}: exit 2 naming the option, before any Spark session or AWS client. */
class VerifyCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--sample 0|--sample must be more than 0 and at most 1, was 0.0",
            "--sample 1.5|--sample must be more than 0 and at most 1, was 1.5",
            "--read-rate 0|--read-rate must be more than 0 read units/s, was 0.0",
            "--max-rejected 3|--max-rejected is for snapshot and rebuild"})
    void is_a_usage_error_naming_the_option(String option, String message) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = CommandLines.configure(new CommandLine(new VerifyCommand()), Map.of());
        commandLine.setErr(new PrintWriter(err, true));
        String[] args = ("--archive /nowhere --snapshots /nowhere " + option).split(" ");

        assertThat(commandLine.execute(args)).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }
}
