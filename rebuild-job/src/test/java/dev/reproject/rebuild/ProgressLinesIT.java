package dev.reproject.rebuild;

import dev.reproject.cli.api.CommandLines;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.rebuild.cli.RebuildCommand;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SandboxCredentials;
import dev.reproject.snapshot.cli.SnapshotCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress lines where there is no terminal (as on EMR or under Airflow): the snapshot says what it has read, and
 * the rebuild how many of its items are in the table while its writer tasks still run — counts that come from the
 * executors' heartbeats (every second here), not from finished tasks.
 */
@ExtendWith(LocalServersExtension.class)
class ProgressLinesIT {

    private static final Pattern WRITTEN = Pattern.compile("reproject rebuild: ([\\d,]+) of 2,500 items written "
            + "\\([\\d,]+ items/s, \\d+ retries\\)");

    @Test
    void snapshot_and_rebuild_print_progress_lines_with_live_counts(LocalServers servers, @TempDir Path dir)
            throws Exception {
        OrderArchiveGenerator.generate(new LocalArchiveStore(dir.resolve("archive").toString()),
                GeneratorOptions.builder().orders(2500).badFraction(0).build());
        String heartbeat = System.getProperty("spark.executor.heartbeatInterval");
        System.setProperty("spark.executor.heartbeatInterval", "1s");
        SandboxCredentials.SystemPropertiesScope credentials = servers.credentials().inSystemProperties();
        try {
            String snapshot = run(new SnapshotCommand(), servers, dir);
            assertThat(snapshot)
                    .containsPattern("reproject snapshot: [\\d,]+ files, [\\d,]+ records read \\(\\d+ s\\)");

            // 2,500 items at 400 items/s: about six seconds of writes, a line every second
            String rebuild = run(new RebuildCommand(), servers, dir, "--table", "progress", "--write-rate", "400");
            List<Long> written = new ArrayList<>();
            Matcher m = WRITTEN.matcher(rebuild);
            while (m.find()) {
                written.add(Long.parseLong(m.group(1).replace(",", "")));
            }
            assertThat(written).as(rebuild).isNotEmpty().isSorted()
                    .anyMatch(n -> n > 0 && n < 2500)
                    .allMatch(n -> n <= 2500);
        } finally {
            credentials.close();
            if (heartbeat == null) {
                System.clearProperty("spark.executor.heartbeatInterval");
            } else {
                System.setProperty("spark.executor.heartbeatInterval", heartbeat);
            }
        }
    }

    /** Runs the command with a line every second; returns what it printed on standard error. */
    private static String run(Object command, LocalServers servers, Path dir, String... more) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = CommandLines.configure(new CommandLine(command), Map.of());
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("--archive", dir.resolve("archive").toString(), "--snapshots",
                dir.resolve("snapshots").toString(), "--master", "local[2]", "--dynamodb-endpoint",
                servers.dynamoDbEndpoint().toString(), "--region", servers.region(), "--progress-every", "1"));
        args.addAll(List.of(more));
        int exit = commandLine.execute(args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return err.toString();
    }
}
