package dev.reproject.cli.api;

import dev.reproject.core.error.BusyException;
import dev.reproject.core.error.ErrorExplainer;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.error.RefusedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The one place that turns an exception into an exit status and a short message on the command's error
 * writer. The message is an {@link ErrorExplainer}'s when one knows the failure (the adapters provide them, e.g. for
 * missing AWS credentials), else the exception's own message (our code writes those; they never hold credentials);
 * the stack trace, with every cause, only with {@code REPROJECT_DEBUG=1}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    public static final String DEBUG_VARIABLE = "REPROJECT_DEBUG";
    private static final Set<String> OFF = Set.of("", "0", "false", "no", "off");

    private final boolean debug;
    private final List<ErrorExplainer> explainers;

    /** With the explainers on the class path. */
    public ErrorHandler(Map<String, String> environment) {
        this(environment, ServiceLoader.load(ErrorExplainer.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public ErrorHandler(Map<String, String> environment, List<ErrorExplainer> explainers) {
        String value = environment.get(DEBUG_VARIABLE);
        this.debug = value != null && !OFF.contains(value.strip().toLowerCase(Locale.ROOT));
        this.explainers = List.copyOf(explainers);
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
        if (exception instanceof RefusedException) {
            return ExitCodes.REFUSED;
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

    /** The message shown for {@code exception}: an explainer's, else its own, else its type's name. */
    public String message(Throwable exception) {
        Optional<String> explained = explainers.stream().map(explainer -> explainer.explain(exception))
                .flatMap(Optional::stream).findFirst();
        if (explained.isPresent()) {
            return explained.get();
        }
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }
}
