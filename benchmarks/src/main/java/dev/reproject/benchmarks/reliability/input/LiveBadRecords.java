package dev.reproject.benchmarks.reliability.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.benchmarks.reliability.Checks;
import dev.reproject.benchmarks.reliability.Clients;
import dev.reproject.benchmarks.reliability.JavaProcess;
import dev.reproject.benchmarks.reliability.LiveSetup;
import dev.reproject.live.DeadLetters;
import dev.reproject.sandbox.LocalServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.reproject.benchmarks.reliability.OrderMessages.TOPIC;
import static dev.reproject.benchmarks.reliability.OrderMessages.orderAuthorized;
import static dev.reproject.benchmarks.reliability.OrderMessages.orderCreated;

/**
 * Bad records to the real {@code live} command (own JVM, small heap) on the real broker, after a rebuild of the
 * topic's first three records: a tombstone, a value over 8 MiB, a 2 MiB value that is not JSON (a dead letter
 * above Kafka's default 1 MiB message size) and an OrderCreated with bytes that are not UTF-8, then good events.
 * Each bad record must be one dead letter naming its source offset (the two over 1 MiB with their value cut to fit
 * the dead-letter topic, {@code reproject.truncated}), the good ones applied, and {@code --until-caught-up} must end
 * (exit 0) rather than fail at every restart, as it did before the fix.
 */
final class LiveBadRecords {

    static final String SCENARIO = "live-bad-records";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "live-corpus";
    private static final String CATALOG = "corpus-catalog";
    private static final int TOPIC_MAX_BYTES = 20 << 20;
    private static final int OVERSIZED = 9 << 20;
    private static final int TWO_MIB = 2 << 20;

    private final LocalServers servers;
    private final Path work;
    private final String heap;
    private final Checks checks;

    LiveBadRecords(LocalServers servers, Path work, String heap, Checks checks) {
        this.servers = servers;
        this.work = work;
        this.heap = heap;
        this.checks = checks;
    }

    void run() throws Exception {
        try (LiveSetup setup = new LiveSetup(servers); DynamoDbClient dynamo = Clients.dynamo(servers);
             KafkaProducer<byte[], byte[]> producer = setup.producer(TOPIC_MAX_BYTES)) {
            // the topic takes records up to 20 MiB, as a topic whose producers send big values must
            setup.freshTopic(1, Map.of("max.message.bytes", Integer.toString(TOPIC_MAX_BYTES)));
            List<String> prefix = List.of(orderCreated(101, "l-1", "Ajanta", "Dal"), orderAuthorized(102, "l-1"),
                    orderCreated(103, "l-2", "Ajanta", "Dal"));
            for (String value : prefix) {
                send(producer, value.getBytes(StandardCharsets.UTF_8));
            }
            JsonNode rebuild = setup.rebuild(work.resolve("live-corpus"), Map.of(0, prefix), TABLE, CATALOG, heap);
            checks.equal(SCENARIO, "handoff", 2L, rebuild.path("handoff").path(TOPIC).path("0").asLong());

            send(producer, null); // offset 3: a tombstone
            byte[] oversized = orderCreated(104, "l-huge", "Ajanta", "H".repeat(OVERSIZED))
                    .getBytes(StandardCharsets.UTF_8);
            send(producer, oversized); // 4
            byte[] notJson = new byte[TWO_MIB];
            Arrays.fill(notJson, (byte) '#');
            send(producer, notJson); // 5
            byte[] notUtf8 = orderCreated(105, "l-3", "Caf@@", "Tea").getBytes(StandardCharsets.UTF_8);
            send(producer, ArchiveCorpus.replace(notUtf8, "@@", new byte[]{(byte) 0xC3, 0x28})); // 6
            send(producer, orderAuthorized(106, "l-2").getBytes(StandardCharsets.UTF_8)); // 7
            send(producer, orderAuthorized(107, "l-3").getBytes(StandardCharsets.UTF_8)); // 8
            producer.flush();

            JavaProcess.Result live = JavaProcess.run(servers, work, "live-bad-records", heap, JavaProcess.LIVE,
                    liveArgs(), 180);
            checks.figure(SCENARIO, String.format(Locale.ROOT, "live: exit %d in %.1f s, -Xmx%s, %s", live.exit(),
                    live.seconds(), heap, live.gc().summary()));
            checks.equal(SCENARIO, "live exit (caught up)", 0, live.exit());
            checks.check(SCENARIO, "live: no OutOfMemoryError", !live.outOfMemory(), live.errTail(10));
            if (live.exit() != 0) {
                String group = rebuildGroup(rebuild);
                long stoppedAt = setup.committed(group).getOrDefault(0, -1L);
                checks.figure(SCENARIO, "live failed at committed offset " + stoppedAt + ": " + lastError(live));
                JavaProcess.Result again = JavaProcess.run(servers, work, "live-bad-records-restart", heap,
                        JavaProcess.LIVE, liveArgs(), 180);
                checks.figure(SCENARIO, "restarted: exit " + again.exit() + ", committed offset "
                        + setup.committed(group).getOrDefault(0, -1L) + ": " + lastError(again));
                return;
            }
            JsonNode summary = JSON.readTree(live.out());
            checks.figure(SCENARIO, "live summary: " + summary.path("records") + " records, " + summary.path("applied")
                    + " applied, dead letters " + summary.path("deadLettered"));
            checks.equal(SCENARIO, "dead letters counted", "{\"not-json\":2,\"record-too-large\":1}",
                    summary.path("deadLettered").toString());
            Map<String, String> letters = deadLetters();
            checks.equal(SCENARIO, "dead letters by source offset",
                    new TreeMap<>(Map.of("3", "not-json", "4", "record-too-large, value of " + oversized.length
                            + " bytes cut to fit", "5", "not-json, value of " + TWO_MIB + " bytes cut to fit")),
                    letters);
            Map<String, Map<String, AttributeValue>> items = Clients.scan(dynamo, TABLE);
            Map<String, String> statuses = new TreeMap<>();
            items.forEach((id, item) -> statuses.put(id, item.get("orderStatus").s()));
            checks.equal(SCENARIO, "table items and their status",
                    new TreeMap<>(Map.of("l-1", "APPROVED", "l-2", "APPROVED", "l-3", "APPROVED")), statuses);
            checks.equal(SCENARIO, "bytes that are not UTF-8 read as U+FFFD", "Caf\uFFFD(",
                    items.containsKey("l-3") ? items.get("l-3").get("restaurantName").s() : null);
        }
    }

    private List<String> liveArgs() {
        return List.of("--bootstrap-servers", servers.kafkaBootstrapServers(), "--table", TABLE, "--catalog-table",
                CATALOG, "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--region", servers.region(),
                "--until-caught-up", "--json", "--report-interval", "1");
    }

    private static String lastError(JavaProcess.Result result) {
        String error = result.err().lines().filter(l -> l.contains("ERROR") || l.startsWith("reproject"))
                .reduce((a, b) -> b).orElse(result.errTail(3));
        return error.length() > 500 ? error.substring(0, 500) : error;
    }

    private static String rebuildGroup(JsonNode rebuild) {
        return new dev.reproject.core.catalog.RebuildId(rebuild.path("id").asText()).consumerGroup();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, 0, null, value)).get();
    }

    /** The dead-letter topic: source offset → reason. */
    private Map<String, String> deadLetters() {
        Map<String, String> letters = new TreeMap<>();
        String topic = TOPIC + DeadLetters.SUFFIX;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TOPIC_MAX_BYTES),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String cut = header(record, DeadLetters.TRUNCATED);
                letters.put(header(record, DeadLetters.SOURCE_OFFSET), header(record, DeadLetters.REASON)
                        + (cut == null ? "" : ", value of " + cut + " bytes cut to fit"));
            }
        }
        return letters;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
