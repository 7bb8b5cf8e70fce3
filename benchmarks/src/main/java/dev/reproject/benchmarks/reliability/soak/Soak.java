package dev.reproject.benchmarks.reliability.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.benchmarks.reliability.Checks;
import dev.reproject.benchmarks.reliability.Clients;
import dev.reproject.benchmarks.reliability.GcSamples;
import dev.reproject.benchmarks.reliability.JavaProcess;
import dev.reproject.benchmarks.reliability.LiveSetup;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.FaultProxy;
import dev.reproject.sandbox.LocalServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.reproject.benchmarks.reliability.OrderMessages.TOPIC;

/**
 * The live updater's soak (RELIABILITY.md): {@code live} in its own JVM (small heap, GC log) keeps a
 * rebuilt table current while Order events are produced at a steady rate for a while, with a fraction of its
 * DynamoDB {@code UpdateItem} calls answered {@code ProvisionedThroughputExceededException} by a {@link FaultProxy}
 * in front of dynalite. Lag (end offsets − the group's committed offsets) is sampled every few seconds, the heap
 * after each GC from the log. Once production stops and the lag is zero, live is stopped with SIGTERM and the table
 * must equal the items {@link ExpectedOrderHistory} computes from every record of the topic: none lost, none extra, and
 * no event applied twice (live's duplicates equal the expected duplicates of the records it consumed).
 *
 * <p>Arguments: {@code WORK_DIR [SECONDS] [EVENTS_PER_SECOND] [THROTTLE_FRACTION] [HEAP]}, e.g.
 * {@code /tmp/soak 600 200 0.1 512m}.
 */
public final class Soak {

    static final String SCENARIO = "soak";
    private static final int PARTITIONS = 4;
    private static final int PREFIX = 200;
    private static final String TABLE = "soak";
    private static final String CATALOG = "soak-catalog";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern REPORT = Pattern.compile(
            "(\\d+) records \\(\\d+/s\\), (\\d+) applied, (\\d+) duplicates, (\\d+) skipped, (\\d+) dead letters");

    private final LocalServers servers;
    private final Path work;
    private final Checks checks;

    /** One sample: seconds since production began, the lag then. */
    record LagSample(double seconds, long lag) {
    }

    Soak(LocalServers servers, Path work, Checks checks) {
        this.servers = servers;
        this.work = work;
        this.checks = checks;
    }

    /** Runs the soak on its own servers under {@code work}. */
    public static Checks run(Path work, int seconds, int rate, double throttle, String heap) throws Exception {
        Files.createDirectories(work);
        try (LocalServers servers = LocalServers.create(work.resolve("sandbox"))) {
            return run(servers, work, seconds, rate, throttle, heap);
        }
    }

    /** Runs the soak on {@code servers} (it recreates the Order topic), files under {@code work}. */
    public static Checks run(LocalServers servers, Path work, int seconds, int rate, double throttle, String heap)
            throws Exception {
        Files.createDirectories(work);
        Checks checks = new Checks();
        new Soak(servers, work, checks).soak(seconds, rate, throttle, heap);
        return checks;
    }

    void soak(int seconds, int rate, double throttle, String heap) throws Exception {
        long events = (long) seconds * rate;
        List<List<String>> values = SoakEvents.generate(work.resolve("generated"), events + PREFIX * PARTITIONS,
                PARTITIONS, 42);
        try (LiveSetup setup = new LiveSetup(servers); DynamoDbClient dynamo = Clients.dynamo(servers);
             KafkaProducer<byte[], byte[]> producer = setup.producer(1 << 20);
             FaultProxy proxy = FaultProxy.start(servers.dynamoDbEndpoint(),
                     List.of(FaultProxy.dynamoThrottle(throttle, 7, List.of("UpdateItem"))))) {
            setup.freshTopic(PARTITIONS, Map.of());
            Map<Integer, List<String>> prefix = new TreeMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                prefix.put(p, values.get(p).subList(0, PREFIX));
                for (String value : prefix.get(p)) {
                    producer.send(new ProducerRecord<>(TOPIC, p, null, value.getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
            JsonNode rebuild = setup.rebuild(work.resolve("rebuild"), prefix, TABLE, CATALOG, heap);
            String group = new RebuildId(rebuild.path("id").asText()).consumerGroup();
            Map<Integer, Long> starts = new TreeMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                starts.put(p, rebuild.path("handoff").path(TOPIC).path(Integer.toString(p)).asLong() + 1);
            }
            checks.equal(SCENARIO, "live starts after the rebuilt prefix", (long) PREFIX * PARTITIONS,
                    LiveSetup.total(starts));

            JavaProcess live = JavaProcess.start(servers, work, "soak-live", heap, JavaProcess.LIVE,
                    List.of("--bootstrap-servers", servers.kafkaBootstrapServers(), "--table", TABLE,
                            "--catalog-table", CATALOG, "--dynamodb-endpoint", proxy.endpoint().toString(), "--region",
                            servers.region(), "--report-interval", "5"));
            awaitStart(live);
            List<LagSample> lags = new ArrayList<>();
            long produced;
            long started = System.nanoTime();
            try {
                produced = produce(producer, values, seconds, rate, setup, group, starts, lags, live, started);
                double productionSeconds = (System.nanoTime() - started) / 1e9;
                long drainStarted = System.nanoTime();
                long lag = lag(setup, group, starts);
                while (lag > 0 && live.isAlive() && System.nanoTime() - drainStarted < DRAIN_TIMEOUT.toNanos()) {
                    Thread.sleep(500);
                    lag = lag(setup, group, starts);
                }
                lags.add(new LagSample((System.nanoTime() - started) / 1e9, lag));
                checks.check(SCENARIO, "live ran all along", live.isAlive(), live.errFile());
                checks.equal(SCENARIO, "lag after production stopped and live drained", 0L, lag);
                checks.figure(SCENARIO, String.format(Locale.ROOT,
                        "%,d events produced in %.1f s (%.0f/s, target %d/s) to %d partitions after a rebuilt"
                                + " prefix of %,d; drained in %.1f s",
                        produced, productionSeconds, produced / productionSeconds, rate, PARTITIONS,
                        PREFIX * PARTITIONS, (System.nanoTime() - drainStarted) / 1e9));
            } finally {
                JavaProcess.Result stopped = live.terminate(90);
                report(stopped, heap, proxy, lags, throttle);
                compare(dynamo, starts, stopped);
            }
        }
    }

    /** Waits until live logs where it starts: it checked its table and holds its partitions. */
    private static void awaitStart(JavaProcess live) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (live.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(live.errFile()) && Files.readString(live.errFile()).contains("starting at")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("live did not start within 2 minutes (alive: " + live.isAlive() + "); see "
                + live.errFile());
    }

    /** Produces at {@code rate}/s for {@code seconds}, the partitions in turn; samples the lag meanwhile. */
    private long produce(KafkaProducer<byte[], byte[]> producer, List<List<String>> values, int seconds, int rate,
                         LiveSetup setup, String group, Map<Integer, Long> starts, List<LagSample> lags,
                         JavaProcess live, long started)
            throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        int[] next = new int[PARTITIONS];
        Arrays.fill(next, PREFIX);
        long total = (long) seconds * rate;
        long sent = 0;
        long nextSample = started + SAMPLE_EVERY.toNanos();
        while (sent < total && live.isAlive()) {
            long due = Math.min(total, (long) ((System.nanoTime() - started) / 1e9 * rate));
            while (sent < due) {
                int p = (int) (sent % PARTITIONS);
                String value = values.get(p).get(next[p]++);
                producer.send(new ProducerRecord<>(TOPIC, p, null, value.getBytes(StandardCharsets.UTF_8)),
                        (meta, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                sent++;
            }
            if (System.nanoTime() >= nextSample) {
                lags.add(new LagSample((System.nanoTime() - started) / 1e9, lag(setup, group, starts)));
                nextSample += SAMPLE_EVERY.toNanos();
            }
            Thread.sleep(20);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("could not produce", failure.get());
        }
        return sent;
    }

    private static long lag(LiveSetup setup, String group, Map<Integer, Long> starts) throws Exception {
        Map<Integer, Long> committed = new TreeMap<>(starts);
        committed.putAll(setup.committed(group));
        return LiveSetup.total(setup.endOffsets()) - LiveSetup.total(committed);
    }

    private void report(JavaProcess.Result stopped, String heap, FaultProxy proxy, List<LagSample> lags,
                        double throttle) {
        checks.check(SCENARIO, "live: no OutOfMemoryError", !stopped.outOfMemory(), stopped.errTail(10));
        checks.check(SCENARIO, "live stopped by SIGTERM within 90 s", stopped.exit() >= 0, stopped.exit());
        long maxLag = lags.stream().mapToLong(LagSample::lag).max().orElse(-1);
        long throttled = proxy.injected("ProvisionedThroughputExceededException");
        checks.check(SCENARIO, "throttles injected", throttled > 0, throttled);
        checks.figure(SCENARIO, String.format(Locale.ROOT,
                "lag max %,d, last %,d (%d samples every %d s: %s)", maxLag,
                lags.isEmpty() ? -1 : lags.get(lags.size() - 1).lag(), lags.size(), SAMPLE_EVERY.toSeconds(),
                sampled(lags)));
        checks.figure(SCENARIO, String.format(Locale.ROOT,
                "DynamoDB: %,d UpdateItem answered ProvisionedThroughputExceededException (p = %.2f), %,d requests"
                        + " forwarded",
                throttled, throttle, proxy.forwarded()));
        GcSamples gc = stopped.gc();
        List<GcSamples.Sample> samples = gc.samples();
        if (!samples.isEmpty()) {
            checks.figure(SCENARIO, String.format(Locale.ROOT,
                    "live -Xmx%s: heap after GC first %d MB, peak %d MB, last %d MB; peak before GC %d MB; %d GCs,"
                            + " %d full; after-GC heap by minute: %s",
                    heap, samples.get(0).afterMb(), gc.peakAfterMb(), samples.get(samples.size() - 1).afterMb(),
                    gc.peakBeforeMb(), samples.size(), gc.fullCollections(), byMinute(samples)));
        }
    }

    /** Live's last report against the expected fold of every record, and the table against the expected items. */
    private void compare(DynamoDbClient dynamo, Map<Integer, Long> starts, JavaProcess.Result stopped) {
        Map<Integer, TreeMap<Long, String>> records = readTopic();
        ExpectedOrderHistory expected = ExpectedOrderHistory.ofRecords(records);
        checks.equal(SCENARIO, "holes in the topic", List.of(), expected.holes());
        ItemComparison items = ItemComparison.of(expected.items(), Clients.scan(dynamo, TABLE));
        checks.figure(SCENARIO, String.format(Locale.ROOT, "%,d items compared, %d lost or different, %d extra%s",
                items.compared(), items.lost(), items.extra(), items.examples().isEmpty() ? "" : ": "
                        + items.examples()));
        checks.equal(SCENARIO, "items lost or different", 0L, items.lost());
        checks.equal(SCENARIO, "items nobody expected", 0L, items.extra());
        Map<String, Long> outcomes = new TreeMap<>();
        records.forEach((p, byOffset) -> expected.outcomes(p, starts.get(p), byOffset.lastKey())
                .forEach((outcome, n) -> outcomes.merge(outcome, n, Long::sum)));
        String[] last = null;
        Matcher m = REPORT.matcher(stopped.err());
        while (m.find()) {
            last = new String[]{m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)};
        }
        if (last == null) {
            checks.check(SCENARIO, "live's last report", false, stopped.errTail(5));
            return;
        }
        long liveRecords = Long.parseLong(last[0]);
        long applied = Long.parseLong(last[1]);
        long duplicates = Long.parseLong(last[2]);
        long expectedApplied = outcomes.getOrDefault("APPLIED", 0L);
        long expectedDuplicates = outcomes.getOrDefault("DUPLICATE", 0L);
        checks.figure(SCENARIO, String.format(Locale.ROOT, "live's last report: %,d records, %,d applied, %,d"
                + " duplicates, %s skipped, %s dead letters; expected over the same records: %s", liveRecords, applied,
                duplicates, last[3], last[4], outcomes));
        checks.equal(SCENARIO, "records live consumed", records.values().stream().mapToLong(TreeMap::size).sum()
                - LiveSetup.total(starts), liveRecords);
        checks.equal(SCENARIO, "events applied", expectedApplied, applied);
        checks.equal(SCENARIO, "events applied twice (duplicates beyond the expected)", 0L,
                duplicates - expectedDuplicates);
    }

    private Map<Integer, TreeMap<Long, String>> readTopic() {
        Map<Integer, TreeMap<Long, String>> records = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
                records.put(p, new TreeMap<>());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.get(record.partition()).put(record.offset(),
                            record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return records;
    }

    /** At most ~12 samples, evenly spaced: {@code t=30s:120}. */
    private static String sampled(List<LagSample> lags) {
        List<String> out = new ArrayList<>();
        int step = Math.max(1, lags.size() / 12);
        for (int i = 0; i < lags.size(); i += step) {
            out.add(String.format(Locale.ROOT, "%.0fs:%d", lags.get(i).seconds(), lags.get(i).lag()));
        }
        return String.join(" ", out);
    }

    /** The last after-GC heap of each minute of uptime. */
    private static String byMinute(List<GcSamples.Sample> samples) {
        Map<Long, Long> minutes = new TreeMap<>();
        samples.forEach(s -> minutes.put((long) (s.seconds() / 60), s.afterMb()));
        List<String> out = new ArrayList<>();
        minutes.forEach((minute, mb) -> out.add(minute + "m:" + mb));
        return String.join(" ", out);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Soak WORK_DIR [SECONDS] [EVENTS_PER_SECOND] [THROTTLE_FRACTION] [HEAP]");
            System.exit(2);
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        double throttle = args.length > 3 ? Double.parseDouble(args[3]) : 0.1;
        String heap = args.length > 4 ? args[4] : "512m";
        Checks checks = run(Path.of(args[0]), seconds, rate, throttle, heap);
        System.out.print(checks.report());
        System.out.println(checks.failed().isEmpty() ? "soak: every check held"
                : "soak: " + checks.failed().size() + " checks FAILED");
        System.exit(checks.failed().isEmpty() ? 0 : 1);
    }
}
