package dev.reproject.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny stand-in for DynamoDB and S3 on 127.0.0.1 that records how each request was signed: DynamoDB calls (those
 * with an {@code X-Amz-Target}) get "no such table", S3 listings an empty list, every other S3 request 404. Enough
 * for {@code reproject status} to finish with a catalog and snapshots that do not exist.
 */
final class RecordingAwsEndpoint implements AutoCloseable {

    /** One request: its {@code Authorization} header (the SigV4 scope names the region) and what it asked. */
    record Call(String service, String method, String target, String authorization) {
    }

    private static final String NO_TABLE = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
            + "\"message\":\"Requested resource not found\"}";
    private static final String EMPTY_LISTING = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name><Prefix></Prefix>"
            + "<KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>";

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    RecordingAwsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String service) {
        return calls.stream().filter(c -> c.service().equals(service)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String method = exchange.getRequestMethod();
        if (target != null) {
            calls.add(new Call("dynamodb", method, target, authorization));
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            send(exchange, 400, NO_TABLE);
            return;
        }
        String query = String.valueOf(exchange.getRequestURI().getRawQuery());
        calls.add(new Call("s3", method, exchange.getRequestURI().getRawPath() + "?" + query, authorization));
        if (method.equals("GET") && query.contains("list-type=2")) {
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            send(exchange, 200, EMPTY_LISTING);
        } else if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        } else {
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            send(exchange, 404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                    + "<Message>not here</Message></Error>");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
