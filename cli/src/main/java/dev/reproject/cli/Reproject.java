package dev.reproject.cli;

import dev.reproject.cli.api.CommandLines;
import dev.reproject.cli.api.CommandPlugin;
import dev.reproject.cli.api.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@code reproject} root command and the one place its {@link CommandLine} is built: {@code help}, then every
 * command of every {@link CommandPlugin} on the class path. Every module that has commands, this one included,
 * lists its plug-in in {@code META-INF/services/dev.reproject.cli.api.CommandPlugin}: there is no other way in.
 */
@Command(name = "reproject",
        // INHERIT: every subcommand, plug-ins included, gets --help/--version and the version provider
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Builds and maintains CQRS read views in DynamoDB from an archived event history.",
        footerHeading = "%nEnvironment:%n",
        footer = {"  REPROJECT_<OPTION>  default of any option, e.g. REPROJECT_S3_ENDPOINT",
                "  REPROJECT_DEBUG=1   stack traces with error messages",
                "%nExit status: 0 ok, 1 failure, 2 usage error, 3 too many rejected, 4 not found, 5 busy,",
                "  6 lagging (status --max-lag)."})
public final class Reproject {

    /** Inherited by every command: {@code reproject live --log-format json …}. */
    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT, description = {
            "Log lines on stderr as text (default) or json: one JSON object (Elastic Common Schema) per line."})
    void logFormat(String format) {
        if (format == null) {
            return;
        }
        try {
            LogFormats.use(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // UTF-8 whatever the locale: the commands print JSON
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(args, out, err, System.getenv()));
    }

    /** Runs one command line in this JVM; everything it prints goes to {@code out} and {@code err}. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine;
        try {
            commandLine = commandLine(environment, ServiceLoader.load(CommandPlugin.class));
        } catch (RuntimeException | ServiceConfigurationError e) { // a broken plug-in: name it, no stack trace
            err.println("reproject: cannot start: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /**
     * The root command with its subcommands; settings are applied after the subcommands are added, since
     * picocli copies them to the subcommands present at that moment.
     *
     * @throws IllegalStateException when two commands share a name or an alias
     */
    static CommandLine commandLine(Map<String, String> environment, Iterable<CommandPlugin> plugins) {
        CommandLine root = new CommandLine(new Reproject());
        Map<String, String> origins = new LinkedHashMap<>();
        add(root, new HelpCommand(), "the reproject CLI", origins);
        for (CommandPlugin plugin : plugins) {
            for (Object command : plugin.commands()) {
                add(root, command, "plug-in " + plugin.getClass().getName(), origins);
            }
        }
        return CommandLines.configure(root, environment);
    }

    private static void add(CommandLine root, Object command, String origin, Map<String, String> origins) {
        CommandLine subcommand = new CommandLine(command);
        for (String alias : subcommand.getCommandSpec().names()) {
            String first = origins.putIfAbsent(alias, origin + " (" + command.getClass().getName() + ")");
            if (first != null) {
                throw new IllegalStateException("command '" + alias + "' is defined twice: by " + first
                        + " and by " + origin + " (" + command.getClass().getName() + ")");
            }
        }
        root.addSubcommand(subcommand);
    }
}
