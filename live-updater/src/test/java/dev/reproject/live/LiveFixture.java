package dev.reproject.live;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.cli.api.CommandLines;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.Views;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.live.cli.LiveCommand;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.SandboxCredentials;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** What the live ITs share: a loaded rebuild in a catalog on dynalite, topics on the broker, in-process runs. */
final class LiveFixture implements AutoCloseable {

    /** One in-process run of {@code live}: its exit status and everything it printed. */
    record Run(int exitCode, String out, String err) {
    }

    final LocalServers servers;
    final LocalServers kafka;
    final String name;
    final String topic;
    final String catalogTable;
    final DynamoDbClient dynamo;
    final DynamoCatalog catalog;
    private final SandboxCredentials.SystemPropertiesScope credentials;

    /** @param name names the table, the catalog table and the topic, unique per test */
    LiveFixture(LocalServers servers, String name) {
        this(servers, servers, name);
    }

    /**
     * DynamoDB (table and catalog) of {@code servers}, Kafka of {@code kafka}: a test that stops its own dynalite
     * leaves the shared one alone. Runs then need {@code --bootstrap-servers}.
     */
    LiveFixture(LocalServers servers, LocalServers kafka, String name) {
        this.servers = servers;
        this.kafka = kafka;
        this.name = name;
        this.topic = Messages.TOPIC;
        this.catalogTable = name + "-catalog";
        this.credentials = servers.credentials().inSystemProperties(); // for the commands, as in a user's run
        this.dynamo = AwsClients.dynamoDb(new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(),
                servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                        servers.credentials().secretAccessKey()));
        this.catalog = new DynamoCatalog(dynamo, catalogTable, Clock.systemUTC());
    }

    /** The table (created like a rebuild creates it) and its LOADED catalog entry with this handoff. */
    RebuildEntry loaded(Watermark handoff) {
        dynamo.createTable(TableSchemas.createTableRequest(name, Views.byName("order-history").table()));
        TableWaits.untilExists(dynamo, name);
        catalog.createIfMissing();
        RebuildId id = RebuildId.of(name, new SnapshotId("20261130T090000.000Z"));
        catalog.begin(RebuildEntry.loading(id, "order-history", "archive", handoff, Instant.now()));
        return catalog.markLoaded(id, Map.of(), handoff);
    }

    /** A fresh topic with {@code partitions} partitions; the view's topic name is shared, so it is deleted first. */
    void freshTopic(int partitions) throws Exception {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            if (existing.contains(topic)) {
                // the dead-letter topic too, when there is one (a run with --dead-letter-topic makes none)
                admin.deleteTopics(Stream.of(topic, topic + DeadLetters.SUFFIX).filter(existing::contains).toList())
                        .all().get();
                while (admin.listTopics().names().get().stream()
                        .anyMatch(t -> t.equals(topic) || t.equals(topic + DeadLetters.SUFFIX))) {
                    Thread.sleep(100);
                }
            }
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    /** Produces the values in order to one partition, keyed by nothing; returns after every one is acknowledged. */
    void produce(int partition, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
            }
        }
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.kafkaBootstrapServers()));
    }

    /** The offsets committed to the rebuild's consumer group, by partition of the topic. */
    Map<Integer, Long> committed(RebuildEntry entry) throws Exception {
        try (Admin admin = admin()) {
            Map<Integer, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(entry.id().consumerGroup()).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, offset) -> offsets.put(tp.partition(), offset.offset()));
            return offsets;
        }
    }

    /** Waits up to 30 s until the rebuild's group has committed {@code offset} in partition 0. */
    void awaitCommitted(RebuildEntry entry, long offset) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Long.valueOf(offset).equals(committed(entry).get(0))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("offset " + offset + " not committed within 30 s: " + committed(entry));
            }
            Thread.sleep(100);
        }
    }

    Run live(String... more) {
        return live(Map.of(), more);
    }

    /** {@link #live(Map, String...)} on a daemon thread, for tests that change the servers while it runs. */
    CompletableFuture<Run> liveInBackground(Map<String, String> moreEnvironment, String... more) {
        CompletableFuture<Run> run = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                run.complete(live(moreEnvironment, more));
            } catch (RuntimeException | Error e) {
                run.completeExceptionally(e);
            }
        }, "live-fixture-run");
        thread.setDaemon(true);
        thread.start();
        return run;
    }

    /** One run with {@code moreEnvironment} added to the servers' {@code REPROJECT_*} variables. */
    Run live(Map<String, String> moreEnvironment, String... more) {
        Map<String, String> environment = new HashMap<>(servers.environment());
        environment.putAll(moreEnvironment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = CommandLines.configure(new CommandLine(new LiveCommand()), environment);
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("--table", name, "--catalog-table", catalogTable,
                "--report-interval", "1"));
        args.addAll(List.of(more));
        int exit = command.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** The table's items by order id. */
    Map<String, Item> items() {
        Map<String, Item> items = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(name).consistentRead(true)).items().forEach(raw -> {
            Item item = AttributeValues.toItem(raw);
            items.put(((AttrValue.S) item.get("orderId").orElseThrow()).value(), item);
        });
        return items;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        dynamo.close();
        credentials.close();
    }
}
