package dev.reproject.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.cli.api.CommandLines;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.VerifySummary;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.verify.KeySample;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.rebuild.DynamoTarget;
import dev.reproject.rebuild.RebuildJob;
import dev.reproject.rebuild.RebuildRequest;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SandboxCredentials;
import dev.reproject.snapshot.SnapshotJob;
import dev.reproject.snapshot.SnapshotOutcome;
import dev.reproject.snapshot.SnapshotRequest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.snapshot.SnapshotStore;
import dev.reproject.verify.cli.VerifyCommand;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reproject verify} on dynalite, against tables loaded by the rebuild job: a correct table (equal, item for
 * item, to the independent {@link ExpectedOrderHistory} of the archive) verifies clean, exit 0, and its catalog entry
 * records it; a table with planted faults — an item changed in place, one deleted, one missing its last event's write
 * (the oracle's item of the archive without that event), one extra and one ahead — has each found with its class and
 * key, exit 7, in the report and the catalog; {@code --sample} checks about the fraction asked, the same keys on both
 * sides; {@code --read-rate} holds a scan task to its share of read units per second.
 */
@ExtendWith(LocalServersExtension.class)
class VerifyIT {

    private static final String VIEW = "order-history";
    private static final String MARKER = "events." + ExpectedOrderHistory.AGGREGATE_TYPE;
    private static final Pattern FILE = Pattern.compile("\\+(\\d+)\\+(\\d+)\\.json$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = 1000;
    private static final int APPENDED = 300;

    /** A table loaded by a rebuild, and the records of its archive. */
    private record Loaded(Path dir, String archive, RebuildId rebuild, String table, String catalogTable,
                          Map<Integer, Map<Long, String>> records) {
    }

    @AfterAll
    static void stopSpark() {
        SparkSession.getActiveSession().foreach(session -> {
            session.stop();
            return null;
        });
    }

    @Test
    void a_correct_table_verifies_clean_and_the_entry_records_it_and_a_sample_checks_about_its_fraction(
                                                                                                        LocalServers servers,
                                                                                                        @TempDir Path dir)
            throws Exception {
        Loaded loaded = load(servers, dir, "verify-clean", "verify-catalog-clean");
        Map<String, Map<String, AttributeValue>> expected = ExpectedOrderHistory.ofRecords(loaded.records()).items();
        assertThat(expected).hasSize(ORDERS + APPENDED);
        assertThat(tableItems(servers, loaded.table())).isEqualTo(asItems(expected.values()));

        Run run = verify(servers, loaded, "--run-id", "clean-1");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("no differences").contains("equal 1,300, ahead 0, diverged 0, behind 0, "
                + "missing 0, extra 0");
        JsonNode report = report(dir, "clean-1");
        assertThat(counts(report)).containsExactlyInAnyOrderEntriesOf(Map.of("equal", 1300L, "ahead", 0L,
                "diverged", 0L, "behind", 0L, "missing", 0L, "extra", 0L));
        assertThat(report.get("differences")).isEmpty();
        assertThat(report.get("itemsRead").asLong()).isEqualTo(1300);
        assertThat(report.get("readUnits").asDouble()).isPositive();
        VerifySummary recorded = lastVerify(servers, loaded);
        assertThat(recorded.clean()).isTrue();
        assertThat(recorded.counts()).containsEntry("equal", 1300L);
        assertThat(recorded.sample()).isEqualTo(1.0);
        assertThat(recorded.report()).endsWith("/order-history/verify/clean-1.json");

        // a quarter of the keys, chosen alike on both sides: every key checked is equal, none missing or extra
        Run sampled = verify(servers, loaded, "--run-id", "sample-1", "--sample", "0.25");
        assertThat(sampled.status()).as(sampled.err()).isZero();
        Map<String, Long> sampledCounts = counts(report(dir, "sample-1"));
        KeySample quarter = new KeySample(0.25);
        long inSample = expected.keySet().stream().filter(id -> quarter.includes(keyJson(id))).count();
        assertThat(sampledCounts).containsEntry("equal", inSample).containsEntry("missing", 0L)
                .containsEntry("extra", 0L);
        // binomial(1,300, 0.25): 325 with a standard deviation of about 16
        assertThat(inSample).isBetween(260L, 390L);
        assertThat(lastVerify(servers, loaded).sample()).isEqualTo(0.25);

        // --read-rate: one segment's scan, capped at a quarter of the units it consumes per second, takes about 4 s
        DynamoSource source = new DynamoSource(
                new DynamoConnection(servers.dynamoDbEndpoint().toString(), servers.region(),
                        servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()),
                loaded.table(), VIEW);
        Scanned uncapped = scan(source, 0);
        assertThat(uncapped.items()).isEqualTo(1300);
        double rate = uncapped.units() / 4;
        Scanned capped = scan(source, rate);
        assertThat(capped.units()).isEqualTo(uncapped.units());
        double burst = Math.max(1, rate / 10);
        assertThat(capped.seconds()).isGreaterThanOrEqualTo((capped.units() - burst) / rate * 0.95)
                .isGreaterThan(uncapped.seconds() * 2);
    }

    private record Scanned(long items, double units, double seconds) {
    }

    /** One scan task over the whole table (one segment), outside Spark, at {@code rate} read units/s (0: no cap). */
    private static Scanned scan(DynamoSource source, double rate) {
        DoubleAccumulator units = new DoubleAccumulator();
        LongAccumulator items = new LongAccumulator();
        long start = System.nanoTime();
        Iterator<Row> rows = new SegmentScan(source, 1, rate, KeySample.ALL, units, items).call(List.of(0L)
                .iterator());
        rows.forEachRemaining(row -> assertThat(row.getString(0)).startsWith("{\"orderId\":"));
        return new Scanned(items.value(), units.value(), (System.nanoTime() - start) / 1e9);
    }

    @Test
    void planted_faults_are_each_found_with_their_class_and_key(LocalServers servers, @TempDir Path dir)
            throws Exception {
        Loaded loaded = load(servers, dir, "verify-planted", "verify-catalog-planted");
        ExpectedOrderHistory oracle = ExpectedOrderHistory.ofRecords(loaded.records());
        // orders with two events or more applied, so that one can lose its last event and still have an item
        List<String> ids = oracle.appliedAt().entrySet().stream()
                .filter(e -> e.getValue().last() > e.getValue().first()).map(Map.Entry::getKey).sorted()
                .limit(3).toList();
        assertThat(ids).hasSize(3);
        String changed = ids.get(0);
        String deleted = ids.get(1);
        String suppressed = ids.get(2);
        // the item as the table would hold it had the write of its last event been lost: the oracle's item of the
        // archive without that one record
        ExpectedOrderHistory.Applied at = oracle.appliedAt().get(suppressed);
        Map<Integer, Map<Long, String>> withoutIt = copy(loaded.records());
        withoutIt.get(at.partition()).remove(at.last());
        Map<String, AttributeValue> before = ExpectedOrderHistory.ofRecords(withoutIt).items().get(suppressed);
        assertThat(before.get(MARKER + suppressed).s())
                .isLessThan(oracle.items().get(suppressed).get(MARKER + suppressed).s());
        String ahead = "ffffffffffffffff-0000000000000001";
        try (DynamoDbClient client = client(servers)) {
            Map<String, AttributeValue> tampered = new HashMap<>(oracle.items().get(changed));
            tampered.put("orderTotal", AttributeValue.fromS("999.99"));
            client.putItem(b -> b.tableName(loaded.table()).item(tampered));
            client.deleteItem(b -> b.tableName(loaded.table()).key(Map.of("orderId", AttributeValue.fromS(deleted))));
            client.putItem(b -> b.tableName(loaded.table()).item(before));
            client.putItem(b -> b.tableName(loaded.table()).item(Map.of("orderId", AttributeValue.fromS("stray"),
                    "orderStatus", AttributeValue.fromS("APPROVED"))));
            client.putItem(b -> b.tableName(loaded.table()).item(Map.of("orderId", AttributeValue.fromS(ahead),
                    "orderStatus", AttributeValue.fromS("APPROVAL_PENDING"), MARKER + ahead,
                    AttributeValue.fromS(ahead))));
        }

        Run run = verify(servers, loaded, "--run-id", "planted-1");

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(7);
        assertThat(run.out()).contains(changed, deleted, suppressed, "stray").doesNotContain(ahead);
        JsonNode report = report(dir, "planted-1");
        assertThat(counts(report)).containsExactlyInAnyOrderEntriesOf(Map.of("equal", 1297L, "ahead", 1L,
                "diverged", 1L, "behind", 1L, "missing", 1L, "extra", 1L));
        Map<String, String> classes = new TreeMap<>();
        Map<String, List<String>> fields = new TreeMap<>();
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode difference : report.get("differences")) {
            String id = difference.get("key").get("orderId").get("S").asText();
            byId.put(id, difference);
            classes.put(id, difference.get("class").asText());
            List<String> names = new ArrayList<>();
            difference.get("fields").forEach(field -> names.add(field.get("field").asText()));
            fields.put(id, names);
        }
        assertThat(classes).containsExactlyInAnyOrderEntriesOf(Map.of(changed, "diverged", deleted, "missing",
                suppressed, "behind", "stray", "extra"));
        assertThat(fields.get(changed)).containsExactly("orderTotal");
        assertThat(fields.get(suppressed)).contains(MARKER + suppressed);
        JsonNode total = byId.get(changed).get("fields").get(0);
        assertThat(total.get("expected").get("S").asText())
                .isEqualTo(oracle.items().get(changed).get("orderTotal").s());
        assertThat(total.get("actual").get("S").asText()).isEqualTo("999.99");
        VerifySummary recorded = lastVerify(servers, loaded);
        assertThat(recorded.clean()).isFalse();
        assertThat(recorded.wrongs()).isEqualTo("behind 1, diverged 1, extra 1, missing 1");
    }

    /** An archive of 1,000 orders, snapshotted, 300 more appended, rebuilt into {@code table}. */
    private static Loaded load(LocalServers servers, Path dir, String table, String catalogTable) throws Exception {
        String archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(ORDERS).badFraction(0).build());
        SparkSession spark = SparkSession.builder().master("local[2]").appName("VerifyIT")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        SnapshotStore store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                spark.sparkContext().hadoopConfiguration());
        SnapshotOutcome snapshot = new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()),
                Clock.systemUTC()).run(new SnapshotRequest(archive, VIEW, false, false));
        SnapshotManifest manifest = ((SnapshotOutcome.Committed) snapshot).manifest();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(APPENDED).badFraction(0).append(true).build());
        DynamoTarget target = new DynamoTarget(
                new DynamoConnection(servers.dynamoDbEndpoint().toString(), servers.region(),
                        servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()),
                table, VIEW, WriteOptions.DEFAULT, DynamoTarget.ClientWrapper.NONE);
        try (DynamoDbClient client = client(servers)) {
            DynamoCatalog catalog = new DynamoCatalog(client, catalogTable, Clock.systemUTC());
            RebuildEntry entry = new RebuildJob(spark, store, catalog, Leasing.inProcess(Clock.systemUTC()),
                    Clock.systemUTC()).run(new RebuildRequest(archive, VIEW, Optional.of(manifest.id()), target, false))
                    .entry();
            return new Loaded(dir, archive, entry.id(), table, catalogTable, records(Path.of(archive)));
        }
    }

    private record Run(int status, String out, String err) {
    }

    /** {@code reproject verify --rebuild <the loaded one>} as a user runs it, with the sandbox's credentials. */
    @SuppressWarnings("try") // the credentials last as long as the block, unreferenced in it
    private static Run verify(LocalServers servers, Loaded loaded, String... more) {
        List<String> args = new ArrayList<>(List.of("--archive", loaded.archive(), "--snapshots",
                loaded.dir().resolve("snapshots").toString(), "--rebuild", loaded.rebuild().value(), "--master",
                "local[2]", "--dynamodb-endpoint", servers.dynamoDbEndpoint().toString(), "--region",
                servers.region(), "--catalog-table", loaded.catalogTable(), "--segments", "3"));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CommandLines.configure(new CommandLine(new VerifyCommand()), Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        try (SandboxCredentials.SystemPropertiesScope credentials = servers.credentials().inSystemProperties()) {
            int status = commandLine.execute(args.toArray(String[]::new));
            return new Run(status, out.toString(), err.toString());
        }
    }

    private static JsonNode report(Path dir, String runId) throws IOException {
        return JSON.readTree(dir.resolve("snapshots/order-history/verify/" + runId + ".json").toFile());
    }

    private static Map<String, Long> counts(JsonNode report) {
        Map<String, Long> counts = new TreeMap<>();
        report.get("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static VerifySummary lastVerify(LocalServers servers, Loaded loaded) {
        try (DynamoDbClient client = client(servers)) {
            return new DynamoCatalog(client, loaded.catalogTable(), Clock.systemUTC()).get(loaded.rebuild())
                    .orElseThrow().lastVerify().orElseThrow();
        }
    }

    private static String keyJson(String orderId) {
        return "{\"orderId\":{\"S\":\"" + orderId + "\"}}";
    }

    /** Per partition, offset → line, read straight from the archive's files. */
    private static Map<Integer, Map<Long, String>> records(Path archive) throws IOException {
        Map<Integer, Map<Long, String>> records = new TreeMap<>();
        try (Stream<Path> files = Files.walk(archive)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher name = FILE.matcher(file.getFileName().toString());
                if (!name.find()) {
                    continue;
                }
                int partition = Integer.parseInt(name.group(1));
                long offset = Long.parseLong(name.group(2));
                Map<Long, String> lines = records.computeIfAbsent(partition, p -> new TreeMap<>());
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    lines.putIfAbsent(offset++, line);
                }
            }
        }
        return records;
    }

    private static Map<Integer, Map<Long, String>> copy(Map<Integer, Map<Long, String>> records) {
        Map<Integer, Map<Long, String>> copy = new TreeMap<>();
        records.forEach((partition, lines) -> copy.put(partition, new TreeMap<>(lines)));
        return copy;
    }

    private static Set<Item> asItems(Collection<Map<String, AttributeValue>> items) {
        return items.stream().map(AttributeValues::toItem).collect(Collectors.toSet());
    }

    private static Set<Item> tableItems(LocalServers servers, String table) {
        try (DynamoDbClient client = client(servers)) {
            Set<Item> items = new HashSet<>();
            client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                    .forEach(item -> items.add(AttributeValues.toItem(item)));
            return items;
        }
    }

    private static DynamoDbClient client(LocalServers servers) {
        return AwsClients.dynamoDb(new AwsSettings(Optional.of(servers.dynamoDbEndpoint()), Optional.empty(),
                servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                        servers.credentials().secretAccessKey()));
    }
}
