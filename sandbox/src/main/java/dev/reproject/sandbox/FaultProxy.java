package dev.reproject.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A fault-injecting HTTP/1.1 reverse proxy on 127.0.0.1, in front of one of the sandbox's servers (S3Proxy,
 * dynalite), for the reliability tests. Each request's head is read and offered to the {@link Rule}s in order: the
 * first that answers a {@link Fault} is sent back instead of forwarding; otherwise the request goes upstream
 * byte for byte (the {@code Host} header included, so SigV4 signatures still match), with {@code Connection:
 * close} so that the upstream's end of response is the end of the connection: no response is ever parsed.
 *
 * <p>Faults are counted by {@link Fault#kind()}. JDK sockets only; threads are daemons; {@link #close()} stops it.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection");

    /** A request's head as the proxy saw it. Header names lower-cased. */
    public record Request(String method, String target, Map<String, String> headers) {

        /** The decoded path without the query, e.g. {@code /bucket/some/key.json}. */
        public String path() {
            int query = target.indexOf('?');
            return URLDecoder.decode(query < 0 ? target : target.substring(0, query), StandardCharsets.UTF_8);
        }

        /** For path-style S3: the object key ({@code bucket/}-less), empty for a bucket-level request (a listing). */
        public Optional<String> s3Key() {
            String path = path();
            int slash = path.indexOf('/', 1);
            return slash < 0 || slash == path.length() - 1 ? Optional.empty() : Optional.of(path.substring(slash + 1));
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** The answer sent instead of forwarding: {@code kind} names it in {@link #injected()}. */
    public record Fault(String kind, int status, String reason, String contentType, String body) {
    }

    /** Looks at a request; a fault to answer it with, or empty to let it through (possibly after a side effect). */
    @FunctionalInterface
    public interface Rule {
        Optional<Fault> apply(Request request);
    }

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final List<Rule> rules;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile boolean closed;

    private FaultProxy(ServerSocket server, URI upstream, List<Rule> rules) {
        this.server = server;
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.rules = List.copyOf(rules);
    }

    /** Starts a proxy to {@code upstream} ({@code http://127.0.0.1:PORT}) on a free loopback port. */
    public static FaultProxy start(URI upstream, List<Rule> rules) {
        try {
            ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(server, upstream, rules);
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a fault proxy in front of " + upstream, e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: point clients here instead of at the upstream. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Faults answered so far, by kind. */
    public Map<String, Long> injected() {
        Map<String, Long> counts = new TreeMap<>();
        injected.forEach((kind, n) -> counts.put(kind, n.get()));
        return counts;
    }

    public long injected(String kind) {
        AtomicLong n = injected.get(kind);
        return n == null ? 0 : n.get();
    }

    /** Requests passed to the upstream so far. */
    public long forwarded() {
        return forwarded.get();
    }

    // --- rules ---

    /** S3 (path-style): an error for GET and HEAD of keys matching {@code key}, e.g. 403 AccessDenied. */
    public static Rule s3Error(Pattern key, int status, String code) {
        return request -> {
            if (!isRead(request) || request.s3Key().filter(k -> key.matcher(k).find()).isEmpty()) {
                return Optional.empty();
            }
            String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                    + code + " (injected by the fault proxy)</Message><Key>" + xml(request.s3Key().get())
                    + "</Key></Error>";
            return Optional.of(new Fault(code, status, code, "application/xml", body));
        };
    }

    /**
     * S3: the first GET or HEAD of each key matching {@code key} first runs {@code action} with the key (e.g. deletes
     * the object upstream), then goes through: a file that vanishes between listing and reading.
     */
    public static Rule beforeFirstRead(Pattern key, Consumer<String> action) {
        Map<String, Boolean> done = new ConcurrentHashMap<>();
        return request -> {
            if (isRead(request)) {
                request.s3Key().filter(k -> key.matcher(k).find())
                        .filter(k -> done.putIfAbsent(k, Boolean.TRUE) == null).ifPresent(action);
            }
            return Optional.empty();
        };
    }

    /**
     * DynamoDB: a fraction {@code p} of the requests whose {@code X-Amz-Target} ends with one of {@code operations}
     * (all when empty) is answered HTTP 400 {@code ProvisionedThroughputExceededException}, as DynamoDB throttles.
     */
    public static Rule dynamoThrottle(double p, long seed, List<String> operations) {
        Random random = new Random(seed);
        return request -> {
            String target = request.header("x-amz-target").orElse("");
            if (target.isEmpty() || !operations.isEmpty() && operations.stream().noneMatch(target::endsWith)) {
                return Optional.empty();
            }
            boolean throttle;
            synchronized (random) {
                throttle = random.nextDouble() < p;
            }
            if (!throttle) {
                return Optional.empty();
            }
            String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"The level of configured provisioned throughput for the table was exceeded"
                    + " (injected by the fault proxy)\"}";
            return Optional.of(new Fault("ProvisionedThroughputExceededException", 400, "Bad Request",
                    "application/x-amz-json-1.0", body));
        };
    }

    private static boolean isRead(Request request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // --- serving ---

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    log.warn("fault proxy: accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            Optional<byte[]> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            List<String> lines = List.of(new String(head.get(), StandardCharsets.ISO_8859_1).split("\r\n"));
            String[] requestLine = lines.get(0).split(" ");
            if (requestLine.length < 3) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            List<String> forwardedHead = new ArrayList<>();
            forwardedHead.add(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.put(name, line.substring(colon + 1).trim());
                if (!HOP_BY_HOP.contains(name)) {
                    forwardedHead.add(line);
                }
            }
            forwardedHead.add("Connection: close");
            Request request = new Request(requestLine[0], requestLine[1], headers);
            for (Rule rule : rules) {
                Optional<Fault> fault = rule.apply(request);
                if (fault.isPresent()) {
                    answer(request, fault.get(), in, out);
                    return;
                }
            }
            forward(forwardedHead, in, out);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.debug("fault proxy: connection ended: {}", e.toString());
            }
        }
    }

    private void answer(Request request, Fault fault, InputStream in, OutputStream out) throws IOException {
        injected.computeIfAbsent(fault.kind(), k -> new AtomicLong()).incrementAndGet();
        long length = request.header("content-length").map(Long::parseLong).orElse(0L);
        if (!request.header("expect").orElse("").equalsIgnoreCase("100-continue")) {
            in.skipNBytes(length); // the client sends the body first, then reads
        }
        byte[] body = request.method().equals("HEAD") ? new byte[0] : fault.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + fault.status() + " " + fault.reason() + "\r\nContent-Type: " + fault.contentType()
                + "\r\nContent-Length: " + (request.method().equals("HEAD") ? 0 : body.length)
                + "\r\nx-amzn-RequestId: fault-proxy\r\nx-amz-request-id: fault-proxy\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private void forward(List<String> head, InputStream clientIn, OutputStream clientOut) throws IOException {
        forwarded.incrementAndGet();
        try (Socket up = new Socket()) {
            up.connect(upstream, 10_000);
            OutputStream upOut = up.getOutputStream();
            upOut.write((String.join("\r\n", head) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            upOut.flush();
            threads.execute(() -> {
                try {
                    clientIn.transferTo(upOut); // the body, if any; ends when either side closes
                } catch (IOException e) {
                    // the exchange is over
                }
            });
            up.getInputStream().transferTo(clientOut);
            clientOut.flush();
        } catch (SocketException e) {
            log.debug("fault proxy: upstream exchange ended: {}", e.toString());
        }
    }

    /** The bytes up to the blank line, without it; empty when the client closed first. */
    private static Optional<byte[]> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return Optional.empty();
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                byte[] bytes = head.toByteArray();
                return Optional.of(Arrays.copyOf(bytes, bytes.length - 4));
            }
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("fault proxy: close: {}", e.toString());
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
