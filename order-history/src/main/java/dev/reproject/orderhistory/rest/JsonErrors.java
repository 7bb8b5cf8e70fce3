package dev.reproject.orderhistory.rest;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.util.Map;

/**
 * Errors Jetty answers itself (a request it cannot parse, a header too large, an idle timeout while reading, a
 * handler that failed) in the API's JSON shape instead of an HTML page; a 5xx never says more than its status.
 */
final class JsonErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String code = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 408 -> "request-timeout";
            case 413, 414, 431 -> "request-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
        String reason = HttpStatus.getMessage(status);
        String text = status >= 500 || message == null || message.isBlank() ? reason : reason + ": " + message;
        Replies.error(response, callback, status, code, text, Map.of());
    }
}
