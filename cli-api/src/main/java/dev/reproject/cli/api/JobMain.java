package dev.reproject.cli.api;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntConsumer;

/**
 * How a Spark job's main class ends. spark-submit in <em>client</em> mode (and a JVM of its own) exits with the
 * command's status, as {@code reproject} does. In <em>cluster</em> mode YARN's ApplicationMaster runs
 * {@code main} in a thread of its own and treats any {@code System.exit} before {@code main} returns as an early
 * exit (the application is marked FAILED, exit code 16, whatever the status): there a successful run returns
 * normally and a failed one throws {@link JobFailedException} naming the status and the reason.
 */
public final class JobMain {

    /** The Spark setting that spark-submit (and the ApplicationMaster) set as a system property in the driver. */
    public static final String DEPLOY_MODE_PROPERTY = "spark.submit.deployMode";

    private final String command;
    private final IntConsumer exit;

    JobMain(String command, IntConsumer exit) {
        this.command = command;
        this.exit = exit;
    }

    /** Runs a job's command line as its main class: the only caller is each job's {@code main}. */
    public static void main(String command, Object picocliCommand, String[] args) {
        new JobMain(command, System::exit).run(new CommandLine(picocliCommand), args, System.getenv(),
                System.getProperties());
    }

    void run(CommandLine commandLine, String[] args, Map<String, String> environment, Properties system) {
        CommandLines.configure(commandLine, environment);
        FirstLine reason = new FirstLine(commandLine.getErr());
        commandLine.setErr(new PrintWriter(reason, true));
        int status = commandLine.execute(args);
        if (!"cluster".equals(system.getProperty(DEPLOY_MODE_PROPERTY))) {
            exit.accept(status);
        } else if (status != ExitCodes.OK) {
            throw new JobFailedException(command, status, reason.line());
        }
    }

    /** Passes everything on to the command's error writer and keeps the first non-blank line: the reason. */
    private static final class FirstLine extends Writer {

        private static final String PREFIX = "reproject: ";
        private final PrintWriter target;
        private final StringWriter start = new StringWriter();
        private String line = "";

        FirstLine(PrintWriter target) {
            this.target = target;
        }

        String line() {
            if (line.isEmpty()) {
                line = start.toString().strip().lines().findFirst().orElse("");
            }
            return line.startsWith(PREFIX) ? line.substring(PREFIX.length()) : line;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            target.write(chars, offset, length);
            if (line.isEmpty()) {
                start.write(chars, offset, length);
                String text = start.toString().strip();
                int end = text.indexOf('\n');
                if (end > 0) {
                    line = text.substring(0, end).strip();
                }
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() {
            target.flush();
        }
    }
}
