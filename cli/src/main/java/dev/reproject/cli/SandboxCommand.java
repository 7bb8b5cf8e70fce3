package dev.reproject.cli;

import dev.reproject.cli.api.ExitCodes;
import dev.reproject.sandbox.LocalServers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/** {@code reproject sandbox}: local servers for trying the other commands, until Ctrl-C. */
@Command(name = "sandbox",
        description = {"Starts DynamoDB-, S3- and Kafka-compatible servers on 127.0.0.1 until Ctrl-C.",
                "Prints the REPROJECT_* variables that point the other commands at them."})
public final class SandboxCommand implements Callable<Integer> {

    /** Belt and braces: LocalServers.environment() holds no credentials, and none may ever be printed. */
    private static final Pattern SECRET = Pattern.compile("SECRET|ACCESS_KEY|PASSWORD|TOKEN|CREDENTIAL");
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@,+=-]*");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalServers servers = LocalServers.create();
        try {
            servers.dynamoDbEndpoint();
            servers.s3Endpoint();
            servers.kafkaBootstrapServers();
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("stopping…");
            err.flush();
            servers.close();
        }, "reproject-sandbox-stop"));

        exportLines(servers.environment()).forEach(out::println);
        out.println("# S3 accepts only the local-only sandbox credentials: export them as README.md, section"
                + " Sandbox, shows.");
        out.flush();
        err.println("reproject: sandbox running; Ctrl-C stops it");
        err.flush();
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }

    /** {@code export NAME=value}, sorted by name, for the REPROJECT_* variables only. */
    static List<String> exportLines(Map<String, String> environment) {
        return environment.entrySet().stream()
                .filter(e -> e.getKey().startsWith("REPROJECT_") && !SECRET.matcher(e.getKey()).find())
                .sorted(Map.Entry.comparingByKey())
                .map(e -> "export " + e.getKey() + "=" + shellQuoted(e.getValue()))
                .toList();
    }

    private static String shellQuoted(String value) {
        return SHELL_SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
