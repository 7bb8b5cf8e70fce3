package dev.reproject.benchmarks;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.orderhistory.query.PageTokenKey;
import dev.reproject.orderhistory.rest.OrderHistoryServer;
import dev.reproject.orderhistory.rest.ServerSettings;
import dev.reproject.orderhistory.view.OrderHistoryView;
import dev.reproject.sandbox.LocalServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.reproject.orderhistory.view.OrderHistoryTable.BY_CONSUMER_INDEX;
import static dev.reproject.orderhistory.view.OrderHistoryTable.CONSUMER_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.CREATION_DATE;
import static dev.reproject.orderhistory.view.OrderHistoryTable.KEYWORDS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.LINE_ITEMS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.MENU_ITEM_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.MENU_ITEM_NAME;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_STATUS;
import static dev.reproject.orderhistory.view.OrderHistoryTable.ORDER_TOTAL;
import static dev.reproject.orderhistory.view.OrderHistoryTable.PRICE;
import static dev.reproject.orderhistory.view.OrderHistoryTable.QUANTITY;
import static dev.reproject.orderhistory.view.OrderHistoryTable.RESTAURANT_ID;
import static dev.reproject.orderhistory.view.OrderHistoryTable.RESTAURANT_NAME;

/**
 * {@code serve} under load (BENCHMARKS.md, bench/serve.sh), in one JVM against the sandbox's dynalite: ORDERS orders
 * of CONSUMERS consumers written directly into a fresh table; then, in turns of SECONDS each,
 * <ol>
 *   <li><b>raw</b>: the GSI queries that findOrderHistory pages need, issued with the DynamoDB client by CLIENTS
 *       threads (each walks a consumer's whole history, 20 a page: {@code Limit} 21, newest first, each next page
 *       from the 20th item's key);</li>
 *   <li><b>serve</b>: the same walks as {@code GET /orders?consumerId=…&pageSize=20} and its tokens, by CLIENTS
 *       threads, each on its own kept-alive connection ({@link KeepAliveClient}), against {@link OrderHistoryServer} with
 *       {@code --threads 16 --queue 64};</li>
 *   <li><b>serve + slow</b>: the same, while 50 clients trickle a request one header byte a second and 50 read a
 *       100-order page one byte every 100 ms through a 1 KiB receive buffer;</li>
 *   <li><b>at the limit</b>: 80 clients (--threads + --queue), and <b>overload</b>: 128 clients, to see 503s only
 *       above the limit.</li>
 * </ol>
 * raw and serve run ROUNDS times (default 3), alternating which goes first; the ratio is serve's pages/s over raw's pages/s
 * (one Query a page); then serve with slow clients, with --threads + --queue clients (no 503 expected) and with
 * 128 (503s expected).
 */
public final class ServeBenchmark {

    private static final int PAGE_SIZE = 20;
    private static final int THREADS = 16;
    private static final int QUEUE = 64;
    private static final int SLOW = 50;

    /** @param millis the page latencies' p50, p95, p99 and max */
    private record Phase(String name, int clients, long pages, long rejected, long errors, double seconds,
                         List<Double> millis, long minPagesPerSecond, int maxBusyThreads, Map<String, Double> cpu) {

        Phase renamed(String newName) {
            return new Phase(newName, clients, pages, rejected, errors, seconds, millis, minPagesPerSecond,
                    maxBusyThreads, cpu);
        }

        double pagesPerSecond() {
            return pages / seconds;
        }

        static double percentileMillis(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private ServeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/reproject-serve-bench").toAbsolutePath();
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int consumers = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        String loadAtStart = BenchSupport.loadAverage();
        System.err.println("load average at start: " + loadAtStart);
        BenchSupport.delete(work);
        try (LocalServers servers = LocalServers.create(work.resolve("servers"))) {
            AwsSettings settings = new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(),
                    servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                            servers.credentials().secretAccessKey());
            try (DynamoDbClient dynamo = AwsClients.dynamoDb(settings)) {
                String table = "serve-bench";
                BenchSupport.createTable(dynamo, table, new OrderHistoryView().table());
                long start = System.nanoTime();
                load(dynamo, table, orders, consumers);
                System.err.printf(Locale.ROOT, "loaded %,d orders of %,d consumers in %.1f s%n", orders, consumers,
                        BenchSupport.seconds(start));
                ServerSettings serverSettings = ServerSettings.defaults(new InetSocketAddress("127.0.0.1", 0))
                        .withThreads(THREADS).withQueue(QUEUE, ServerSettings.DEFAULT_QUEUE_TIMEOUT);
                try (OrderHistoryServer server = OrderHistoryServer.start(serverSettings, new OrderHistoryQuery(dynamo,
                        table, PageTokenKey.SANDBOX, OrderHistoryQuery.DEFAULT_MAX_ITEMS_READ))) {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .executor(Executors.newFixedThreadPool(4)).build();
                    // warm-up: JIT of both paths, not reported
                    raw(dynamo, table, consumers, clients, 10);
                    serve(server.uri(), consumers, clients, 10, "warm-up", null);
                    List<Phase> phases = new ArrayList<>();
                    for (int round = 1; round <= rounds; round++) { // alternating which goes first
                        if (round % 2 == 1) {
                            phases.add(raw(dynamo, table, consumers, clients, seconds).renamed("raw " + round));
                        }
                        phases.add(serve(server.uri(), consumers, clients, seconds, "serve " + round, server));
                        if (round % 2 == 0) {
                            phases.add(raw(dynamo, table, consumers, clients, seconds).renamed("raw " + round));
                        }
                    }
                    int others = Math.max(10, seconds);
                    phases.add(slow(server, consumers, clients, others));
                    int limit = THREADS + QUEUE;
                    phases.add(serve(server.uri(), consumers, limit, others,
                            "at the limit (" + limit + " = --threads + --queue)", server));
                    phases.add(serve(server.uri(), consumers, 128, others,
                            "overload (128)", server));
                    String loadAtEnd = BenchSupport.loadAverage();
                    System.err.println("load average at end: " + loadAtEnd);
                    report(phases, rounds, orders, consumers, loadAtStart, loadAtEnd);
                    System.out.println("\nserver metrics at the end (excerpt):");
                    metrics(http, server.uri()).lines().filter(l -> l.startsWith("reproject_serve_rejected_total")
                            || l.startsWith("reproject_query_") || l.startsWith("http_server_requests_seconds_count"))
                            .forEach(System.out::println);
                }
            }
        }
        System.exit(0); // the JDK HTTP client's executor
    }

    private static void load(DynamoDbClient dynamo, String table, int orders, int consumers) {
        List<WriteRequest> batch = new ArrayList<>(25);
        for (int i = 0; i < orders; i++) {
            Map<String, AttributeValue> line = Map.of(MENU_ITEM_ID, AttributeValue.fromS("m" + (i % 7)),
                    MENU_ITEM_NAME, AttributeValue.fromS(i % 3 == 0 ? "Chicken Vindaloo" : "Garlic Naan"),
                    PRICE, AttributeValue.fromS("12.34"), QUANTITY, AttributeValue.fromN("1"));
            Map<String, AttributeValue> item = Map.of(ORDER_ID, AttributeValue.fromS("o" + i),
                    CONSUMER_ID, AttributeValue.fromS(Integer.toString(1000 + i % consumers)),
                    ORDER_STATUS, AttributeValue.fromS(i % 5 == 0 ? "REJECTED" : "APPROVED"),
                    CREATION_DATE, AttributeValue.fromN(Long.toString(1_790_000_000_000L + 60_000L * i)),
                    LINE_ITEMS, AttributeValue.fromL(List.of(AttributeValue.fromM(line), AttributeValue.fromM(line))),
                    ORDER_TOTAL, AttributeValue.fromS("24.68"),
                    RESTAURANT_ID, AttributeValue.fromN(Integer.toString(i % 50)),
                    RESTAURANT_NAME, AttributeValue.fromS("Ajanta"),
                    KEYWORDS, AttributeValue.fromSs(List.of("ajanta", "chicken", "vindaloo", "garlic", "naan")));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == orders - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                    pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                }
                batch.clear();
            }
        }
    }

    /** A walk: one consumer's history, page by page, each page timed; returns pages done. */
    private interface Walk {
        void run(String consumer, Recorder recorder) throws Exception;
    }

    /** Collects a phase's page latencies and counts, and the pages done each second. */
    private static final class Recorder {

        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        private final AtomicLong pages = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final long start = System.nanoTime();
        private final AtomicLongArray perSecond = new AtomicLongArray(3600);

        void page(long took) {
            nanos.add(took);
            pages.incrementAndGet();
            perSecond.incrementAndGet((int) Math.min(3599, (System.nanoTime() - start) / 1_000_000_000L));
        }
    }

    private static Phase run(String name, int clients, int consumers, int seconds, Walk walk,
                             OrderHistoryServer server)
            throws Exception {
        Map<String, Duration> cpuBefore = LiveCpu.sample();
        double serverCpuBefore = serverThreadsCpu();
        Recorder recorder = new Recorder();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        int maxBusy = 0;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (!stop.get()) {
                    String consumer = Integer.toString(1000 + Math.floorMod(next.getAndIncrement(), consumers));
                    try {
                        walk.run(consumer, recorder);
                    } catch (Exception e) {
                        recorder.errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            if (server != null) { // as a Prometheus server would scrape it
                maxBusy = Math.max(maxBusy, busyThreads(server.uri()));
            }
        }
        stop.set(true);
        double took = BenchSupport.seconds(recorder.start);
        Map<String, Double> cpu = new java.util.TreeMap<>(LiveCpu.since(cpuBefore, LiveCpu.sample()));
        cpu.put(SERVER_THREADS, serverThreadsCpu() - serverCpuBefore);
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long[] sorted = recorder.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        long minPerSecond = Long.MAX_VALUE;
        for (int s = 1; s < seconds - 1; s++) { // whole seconds, not the first or the last
            minPerSecond = Math.min(minPerSecond, recorder.perSecond.get(s));
        }
        List<Double> millis = List.of(Phase.percentileMillis(sorted, 50), Phase.percentileMillis(sorted, 95),
                Phase.percentileMillis(sorted, 99), Phase.percentileMillis(sorted, 100));
        return new Phase(name, clients, recorder.pages.get(), recorder.rejected.get(), recorder.errors.get(), took,
                millis, minPerSecond == Long.MAX_VALUE ? 0 : minPerSecond, maxBusy, cpu);
    }

    private static final HttpClient SCRAPER = HttpClient.newHttpClient();
    private static final String SERVER_THREADS = "serve's HTTP threads";

    /** CPU seconds of serve's Jetty pool threads (named order-history-http…) so far. */
    private static double serverThreadsCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double total = 0;
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("order-history-http")) {
                long nanos = mx.getThreadCpuTime(info.getThreadId());
                total += nanos < 0 ? 0 : nanos / 1e9;
            }
        }
        return total;
    }

    private static String metrics(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int busyThreads(URI uri) throws Exception {
        return metrics(SCRAPER, uri).lines().filter(l -> l.startsWith("reproject_serve_threads_busy "))
                .map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static Phase raw(DynamoDbClient dynamo, String table, int consumers, int clients, int seconds)
            throws Exception {
        return run("raw", clients, consumers, seconds, (consumer, recorder) -> {
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(BY_CONSUMER_INDEX)
                        .keyConditionExpression("#c = :c").expressionAttributeNames(Map.of("#c", CONSUMER_ID))
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(consumer)))
                        .scanIndexForward(false).limit(PAGE_SIZE + 1);
                if (start != null) {
                    request.exclusiveStartKey(start);
                }
                long t0 = System.nanoTime();
                QueryResponse response = dynamo.query(request.build());
                recorder.page(System.nanoTime() - t0);
                List<Map<String, AttributeValue>> items = response.items();
                if (items.size() <= PAGE_SIZE) {
                    start = null;
                } else {
                    Map<String, AttributeValue> last = items.get(PAGE_SIZE - 1);
                    start = Map.of(ORDER_ID, last.get(ORDER_ID), CONSUMER_ID, last.get(CONSUMER_ID), CREATION_DATE,
                            last.get(CREATION_DATE));
                }
            } while (start != null);
        }, null);
    }

    private static Phase serve(URI uri, int consumers, int clients, int seconds, String name,
                               OrderHistoryServer server)
            throws Exception {
        AtomicLong rejected = new AtomicLong();
        ConcurrentLinkedQueue<KeepAliveClient> opened = new ConcurrentLinkedQueue<>();
        ThreadLocal<KeepAliveClient> connection = ThreadLocal.withInitial(() -> {
            KeepAliveClient client = new KeepAliveClient(uri.getHost(), uri.getPort());
            opened.add(client);
            return client;
        });
        Phase phase = run(name, clients, consumers, seconds, (consumer, recorder) -> {
            String first = "/orders?consumerId=" + consumer + "&pageSize=" + PAGE_SIZE;
            String token = null;
            do {
                String path = token == null ? first
                        : first + "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                KeepAliveClient.Answer response = connection.get().get(path);
                long took = System.nanoTime() - t0;
                if (response.status() == 503) {
                    rejected.incrementAndGet();
                    return;
                }
                if (response.status() != 200) {
                    throw new IllegalStateException("HTTP " + response.status());
                }
                recorder.page(took);
                token = nextPageToken(response.body());
            } while (token != null);
        }, server);
        for (KeepAliveClient client : opened) {
            client.close();
        }
        return new Phase(phase.name(), phase.clients(), phase.pages(), rejected.get(), phase.errors(), phase.seconds(),
                phase.millis(), phase.minPagesPerSecond(), phase.maxBusyThreads(), phase.cpu());
    }

    /**
     * The page's {@code nextPageToken}: the last field of the answer, read from its end (a client of the benchmark
     * should not spend the cores dynalite and the server need on building a tree of the orders).
     */
    static String nextPageToken(String text) {
        int field = text.lastIndexOf("\"nextPageToken\":");
        if (field < 0) {
            throw new IllegalStateException("no nextPageToken in " + text);
        }
        int value = field + "\"nextPageToken\":".length();
        if (text.startsWith("null", value)) {
            return null;
        }
        return text.substring(value + 1, text.indexOf('"', value + 1));
    }

    /** serve while SLOW clients trickle a request and SLOW read a big page slowly. */
    private static Phase slow(OrderHistoryServer server, int consumers, int clients, int seconds)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Socket> sockets = new ArrayList<>();
        AtomicLong trickled = new AtomicLong();
        AtomicLong slowRead = new AtomicLong();
        int port = server.address().getPort();
        CountDownLatch connected = new CountDownLatch(2 * SLOW);
        for (int i = 0; i < SLOW; i++) {
            Socket trickler = new Socket("127.0.0.1", port);
            Socket reader = new Socket();
            reader.setReceiveBufferSize(1024);
            reader.connect(new InetSocketAddress("127.0.0.1", port));
            sockets.add(trickler);
            sockets.add(reader);
            String consumer = Integer.toString(1000 + i % consumers);
            daemon(() -> {
                try (OutputStream out = trickler.getOutputStream()) {
                    byte[] request = ("GET /orders?consumerId=" + consumer + " HTTP/1.1\r\nHost: x\r\nX-Slow: "
                            + "a".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    connected.countDown();
                    for (int b = 0; b < request.length && !stop.get(); b++) {
                        out.write(request[b]);
                        out.flush();
                        trickled.incrementAndGet();
                        Thread.sleep(1000);
                    }
                } catch (Exception e) {
                    // closed at the end
                }
            });
            daemon(() -> {
                try {
                    OutputStream out = reader.getOutputStream();
                    out.write(("GET /orders?consumerId=" + consumer + "&pageSize=100 HTTP/1.1\r\nHost: x\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    connected.countDown();
                    InputStream in = reader.getInputStream();
                    while (!stop.get() && in.read() >= 0) {
                        slowRead.incrementAndGet();
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    // closed at the end
                }
            });
        }
        connected.await(30, TimeUnit.SECONDS);
        Phase phase = serve(server.uri(), consumers, clients, seconds, "serve + " + SLOW + " trickling + "
                + SLOW + " slow readers", server);
        stop.set(true);
        for (Socket socket : sockets) {
            socket.close();
        }
        System.err.printf(Locale.ROOT, "slow clients: %,d bytes trickled, %,d bytes read slowly%n", trickled.get(),
                slowRead.get());
        return phase;
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "slow-client");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void report(List<Phase> phases, int rounds, int orders, int consumers, String loadAtStart,
                               String loadAtEnd) {
        System.out.printf(Locale.ROOT, "%n%,d orders, %,d consumers (%d each), pages of %d; serve --threads %d "
                + "--queue %d; load average %s at start, %s at end%n%n", orders, consumers, orders / consumers,
                PAGE_SIZE, THREADS, QUEUE, loadAtStart, loadAtEnd);
        System.out.println("| phase | clients | pages | pages/s | p50 ms | p95 ms | p99 ms | max ms | fewest pages in "
                + "a second | 503 | errors | busy HTTP threads (max) | CPU ms per page: dynalite / JVM / serve's "
                + "threads |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Phase p : phases) {
            double perPage = 1000.0 / Math.max(1, p.pages());
            String cpu = String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
                    p.cpu().getOrDefault(LiveCpu.DYNALITE, 0.0) * perPage,
                    p.cpu().getOrDefault(LiveCpu.JVM, 0.0) * perPage,
                    p.cpu().getOrDefault(SERVER_THREADS, 0.0) * perPage);
            System.out.printf(Locale.ROOT,
                    "| %s | %d | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %,d | %,d | %,d | %s | %s |%n",
                    p.name(), p.clients(), p.pages(), p.pagesPerSecond(), p.millis().get(0), p.millis().get(1),
                    p.millis().get(2), p.millis().get(3), p.minPagesPerSecond(),
                    p.rejected(), p.errors(), p.name().startsWith("raw") ? "–" : Integer.toString(
                            p.maxBusyThreads()),
                    cpu);
        }
        double raw = phases.stream().filter(p -> p.name().startsWith("raw")).mapToDouble(Phase::pagesPerSecond)
                .average().orElse(Double.NaN);
        List<Double> ratios = new ArrayList<>();
        double serve = phases.stream().filter(p -> p.name().matches("serve \\d")).mapToDouble(
                Phase::pagesPerSecond).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%nserve ÷ raw (pages/s, mean of the rounds): %.2f (%,.0f ÷ %,.0f)%n",
                serve / raw, serve, raw);
        for (int round = 1; round <= rounds; round++) {
            String r = " " + round;
            double rawRate = phases.stream().filter(p -> p.name().equals("raw" + r)).findFirst().orElseThrow()
                    .pagesPerSecond();
            double serveRate = phases.stream().filter(p -> p.name().equals("serve" + r)).findFirst().orElseThrow()
                    .pagesPerSecond();
            System.out.printf(Locale.ROOT, "round %d: %.2f%n", round, serveRate / rawRate);
            ratios.add(serveRate / rawRate);
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "median of the rounds' ratios: %.2f%n", sorted.size() % 2 == 1
                ? sorted.get(sorted.size() / 2) : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2))
                        / 2);
    }
}
