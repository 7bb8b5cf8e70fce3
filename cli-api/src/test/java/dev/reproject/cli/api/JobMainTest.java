package dev.reproject.cli.api;

import dev.reproject.core.error.NotFoundException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobMainTest {

    /** A job-like command: prints a line, then ends with the given status or throws. */
    @Command(name = "job")
    static final class Job implements Callable<Integer> {

        @Option(names = "--status")
        int status;

        @Option(names = "--missing")
        String missing;

        @Override
        public Integer call() {
            if (missing != null) {
                throw new NotFoundException("no file of topics [orders] under s3://bucket/" + missing);
            }
            return status;
        }
    }

    private final List<Integer> exits = new ArrayList<>();
    private final StringWriter err = new StringWriter();

    private void run(String deployMode, String... args) {
        Properties system = new Properties();
        if (deployMode != null) {
            system.setProperty(JobMain.DEPLOY_MODE_PROPERTY, deployMode);
        }
        CommandLine commandLine = new CommandLine(new Job());
        commandLine.setErr(new PrintWriter(err, true));
        new JobMain("job", exits::add).run(commandLine, args, Map.of(), system);
    }

    @Test
    void inClusterModeASuccessfulRunReturnsWithoutExiting() {
        run("cluster", "--status", "0");

        assertThat(exits).isEmpty();
    }

    @Test
    void inClusterModeAFailureThrowsWithTheStatusAndTheReason() {
        assertThatThrownBy(() -> run("cluster", "--missing", "ordrs"))
                .isInstanceOf(JobFailedException.class)
                .hasMessage("reproject job failed with exit status 4 (not found): "
                        + "no file of topics [orders] under s3://bucket/ordrs")
                .satisfies(e -> assertThat(((JobFailedException) e).status()).isEqualTo(4));
        assertThat(exits).isEmpty();
        assertThat(err.toString()).as("the reason is still printed where the driver's log is")
                .startsWith("reproject: no file of topics [orders] under s3://bucket/ordrs");
    }

    @Test
    void inClusterModeAStatusWithoutAnExceptionStillThrows() {
        assertThatThrownBy(() -> run("cluster", "--status", "3"))
                .isInstanceOf(JobFailedException.class)
                .hasMessage("reproject job failed with exit status 3 (too many rejected records)");
    }

    @Test
    void inClusterModeABadArgumentThrowsWithPicoclisMessage() {
        assertThatThrownBy(() -> run("cluster", "--status", "many"))
                .isInstanceOf(JobFailedException.class)
                .hasMessageStartingWith("reproject job failed with exit status 2 (bad arguments): Invalid value for "
                        + "option '--status': 'many' is not an int");
    }

    @Test
    void inClientModeAndOutsideSparkTheStatusIsTheExitStatus() {
        run("client", "--status", "0");
        run("client", "--status", "3");
        run(null, "--missing", "x");
        run(null, "--status", "bad");

        assertThat(exits).containsExactly(0, 3, 4, 2);
    }
}
