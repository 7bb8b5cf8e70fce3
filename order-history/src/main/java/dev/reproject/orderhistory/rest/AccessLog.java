package dev.reproject.orderhistory.rest;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The access log: one line per request, through SLF4J's logger {@value #LOGGER} at INFO (so whatever layout the
 * logging configuration gives, JSON included, applies to it), e.g.
 * {@code GET /orders?consumerId=42&pageSize=20&pageToken=… 200 5321 B 12 ms 127.0.0.1}: method, path and query
 * string with the page token's value left out (tokens are long and say nothing to a reader), status, bytes of
 * body sent, milliseconds from the request's first byte to its end, client address. No header is logged, so no
 * credential can be.
 */
final class AccessLog implements RequestLog {

    static final String LOGGER = "dev.reproject.access";
    static final String TOKEN_PARAMETER = "pageToken=";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final Consumer<String> sink;

    AccessLog() {
        this(line -> log.info("{}", line));
    }

    /** @param sink where the lines go (tests collect them) */
    AccessLog(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void log(Request request, Response response) {
        sink.accept(line(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                response.getStatus(), Response.getContentBytesWritten(response),
                NanoTime.millisSince(request.getBeginNanoTime()), Request.getRemoteAddr(request)));
    }

    static String line(String method, String rawPath, String rawQuery, int status, long bytes, long millis,
                       String client) {
        StringBuilder line = new StringBuilder(128).append(method).append(' ').append(rawPath);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            line.append('?').append(withoutToken(rawQuery));
        }
        return line.append(' ').append(status).append(' ').append(bytes).append(" B ").append(millis).append(" ms ")
                .append(client).toString();
    }

    /** The query string with every page token's value replaced by {@code …}. */
    static String withoutToken(String rawQuery) {
        StringBuilder out = new StringBuilder(rawQuery.length());
        for (String pair : rawQuery.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair.startsWith(TOKEN_PARAMETER) ? TOKEN_PARAMETER + "…" : pair);
        }
        return out.toString();
    }
}
