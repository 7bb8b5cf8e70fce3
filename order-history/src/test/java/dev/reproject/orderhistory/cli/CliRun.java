package dev.reproject.orderhistory.cli;

import dev.reproject.cli.api.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * One in-process run of the order-history commands under a root command set up as {@code reproject} sets up its
 * own (the plug-in's commands, {@code REPROJECT_*} defaults, the shared error handler): exit status and output.
 */
record CliRun(int exitCode, String out, String err) {

    @Command(name = "reproject", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true)
    static final class Root {
    }

    static CommandLine commandLine(Map<String, String> environment, StringWriter out, StringWriter err) {
        CommandLine root = new CommandLine(new Root());
        new OrderHistoryCommands().commands().forEach(root::addSubcommand);
        CommandLines.configure(root, environment);
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        return root;
    }

    static CliRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = commandLine(environment, out, err).execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
