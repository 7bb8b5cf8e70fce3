package dev.reproject.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code reproject} in a JVM of its own, with exactly the environment given (nothing inherited, so no
 * credentials, region or profile of the machine leak in) and the CLI's own logging configuration, as a user's shell
 * would start it: its exit status and everything it printed.
 */
record ChildCli(int exitCode, String out, String err) {

    private static final long TIMEOUT_SECONDS = 120;

    /**
     * @param home a directory for {@code HOME} and the temporary files; the AWS profile files point at empty files in
     *             it unless {@code environment} says otherwise
     */
    static ChildCli run(Path home, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path emptyConfig = Files.writeString(home.resolve("empty-aws-config"), "");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + home, "-Dlog4j2.configurationFile=log4j2.xml", // the CLI's, not the tests'
                "-cp", System.getProperty("java.class.path"), Reproject.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(home.resolve("out").toFile()).redirectError(home.resolve("err").toFile());
        builder.environment().clear();
        builder.environment().put("HOME", home.toString());
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("AWS_CONFIG_FILE", emptyConfig.toString());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", emptyConfig.toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true"); // no instance role or region, even on EC2
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("reproject " + String.join(" ", args) + " still running after "
                    + TIMEOUT_SECONDS + " s");
        }
        return new ChildCli(process.exitValue(), read(home.resolve("out")), read(home.resolve("err")));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The lines a person sees on the error stream. */
    List<String> errLines() {
        return err.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
