package dev.reproject.cli.api;

import picocli.CommandLine;

import java.util.Map;

/** What every reproject command line gets, whether run by {@code reproject} or as a job's main class. */
public final class CommandLines {

    private CommandLines() {
    }

    /**
     * Defaults from {@code REPROJECT_*}, the exception-to-exit-status mapping; call after adding subcommands,
     * since picocli copies these settings to the subcommands present at that moment.
     */
    public static CommandLine configure(CommandLine commandLine, Map<String, String> environment) {
        ErrorHandler errors = new ErrorHandler(environment);
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setExitCodeExceptionMapper(errors);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }
}
