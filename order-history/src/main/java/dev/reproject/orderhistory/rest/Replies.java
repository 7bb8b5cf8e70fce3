package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.OrderJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing an answer with Jetty: the whole body in one last write, which completes the request. */
final class Replies {

    static final String JSON = "application/json; charset=utf-8";

    private Replies() {
    }

    /** A JSON answer: {@code Content-Type} JSON, {@code Cache-Control: no-store}, the answer's own headers. */
    static void json(Response response, Callback callback, Answer answer) {
        byte[] body = (OrderJson.write(answer.body()) + "\n").getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        write(response, callback, answer.status(), JSON, body);
    }

    /** A JSON error {@code {"error":code,"message":message}} with extra headers. */
    static void error(Response response, Callback callback, int status, String code, String message,
                      Map<String, String> headers) {
        json(response, callback, new Answer(status, OrderJson.error(code, message),
                headers));
    }

    static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("the response was already committed"));
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
