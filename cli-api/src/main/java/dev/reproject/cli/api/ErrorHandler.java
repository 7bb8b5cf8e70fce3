package dev.reproject.cli.api;

import dev.reproject.core.error.BusyException;
import dev.reproject.core.error.NotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one place that turns an exception into an exit status and a one-line message on the command's error
 * writer. Only the exception's own message is shown (our code writes those; they never hold credentials);
 * the stack trace only with {@code REPROJECT_DEBUG=1}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    public static final String DEBUG_VARIABLE = "REPROJECT_DEBUG";
    private static final Set<String> OFF = Set.of("", "0", "false", "no", "off");

    private final boolean debug;

    public ErrorHandler(Map<String, String> environment) {
        String value = environment.get(DEBUG_VARIABLE);
        this.debug = value != null && !OFF.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exitStatusOf(exception);
    }

    /** The exit status a command that threw {@code exception} ends with (CONTRACT.md §7). */
    public static int exitStatusOf(Throwable exception) {
        if (exception instanceof NotFoundException) {
            return ExitCodes.NOT_FOUND;
        }
        if (exception instanceof BusyException) {
            return ExitCodes.BUSY;
        }
        if (exception instanceof IllegalArgumentException || exception instanceof ParameterException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText("reproject: " + message(exception)));
        if (debug) {
            exception.printStackTrace(err);
        }
        err.flush();
        return getExitCode(exception);
    }

    /** What the one-line message says of {@code exception}: its own message, or its type when it has none. */
    public static String message(Throwable exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }
}
