package dev.reproject.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a job jar as a cluster would: {@code org.apache.spark.deploy.SparkSubmit} in its own JVM (same Java as
 * this one) whose class path is this JVM's without our own modules and picocli, i.e. only Spark, Hadoop and what
 * the cluster brings. For the tests of the shaded jars; the caller's class path must hold Spark and hadoop-aws.
 */
public final class StandInCluster {

    private static final long TIMEOUT_MINUTES = 3;

    private StandInCluster() {
    }

    /**
     * What a run printed and how it ended.
     *
     * @param exitCode the SparkSubmit JVM's exit status
     * @param stdout   everything it printed on standard output
     * @param log      the file that holds its standard error (Spark's log)
     */
    public record Run(int exitCode, String stdout, Path log) {

        /** Spark's log, for assertion messages. */
        public String logText() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        /** The first line of standard output that starts with an opening brace: a job's {@code --json} summary. */
        public String jsonLine() {
            return stdout.lines().filter(line -> line.startsWith("{")).findFirst()
                    .orElseThrow(() -> new AssertionError("no JSON line in the job's output:\n" + stdout
                            + "\nlog:\n" + logText()));
        }
    }

    /**
     * {@code java JVM_OPTIONS -cp SPARK_ONLY SparkSubmit SUBMIT_ARGS}, its standard error in {@code <dir>/<name>.log}
     * and its standard output in {@code <dir>/<name>.out}.
     *
     * @throws AssertionError when it does not end within three minutes (it is killed)
     */
    public static Run submit(Path dir, String name, List<String> jvmOptions, List<String> submitArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", sparkOnlyClassPath(), "org.apache.spark.deploy.SparkSubmit"));
        command.addAll(submitArgs);
        Path log = dir.resolve(name + ".log");
        Path out = dir.resolve(name + ".out");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + ": spark-submit still running after " + TIMEOUT_MINUTES + " minutes");
        }
        return new Run(process.exitValue(), Files.readString(out), log);
    }

    /** This JVM's class path without our own modules and picocli: what a cluster has. */
    static String sparkOnlyClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("reproject") && !entry.endsWith("classes")
                        && !entry.contains("picocli"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
