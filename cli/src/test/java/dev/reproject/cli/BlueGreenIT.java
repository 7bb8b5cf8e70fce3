package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.archiver.ArchiveRequest;
import dev.reproject.archiver.TopicArchiver;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.core.alias.AliasMove;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blue/green switch of issue 14 under continuous load. Table blue is rebuilt from the first half of the topic,
 * caught up by live, verified and promoted; {@code serve} answers from it (following the alias) while several
 * threads query it without pause. Meanwhile the second half is published, and table green is rebuilt from a later
 * snapshot and caught up; {@code promote} refuses it while it is LOADED and unverified, then while it lags, and
 * moves the alias once it is LIVE, caught up and verified. The threads must see green within a few seconds; then
 * {@code rollback}, and they must see blue again. No request may fail, and every answer must equal the item of the
 * table its {@code X-Reproject-Table} header names — read directly from that table, which is checked against
 * {@link ExpectedOrderHistory}'s fold of the records it was built from; blue lacks the later orders and events, so
 * the two tables answer differently for many orders. Last, {@code promote --force} moves past a refusal and the
 * alias's history records it.
 *
 * <p>Each table is verified by {@code reproject verify} against the archive it was built from (the archive holds
 * what the topic holds, so live added nothing the archive lacks): every key equal, the result in the catalog.
 *
 * <p>{@code bench/bluegreen.sh} runs this test longer: system properties {@code bluegreen.orders},
 * {@code bluegreen.threads} and {@code bluegreen.dwell} (seconds each table serves before the next move).
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class BlueGreenIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIEW = "order-history";
    private static final String BLUE = "bg-blue";
    private static final String GREEN = "bg-green";
    private static final String CATALOG = "bg-catalog";
    private static final int ORDERS = Integer.getInteger("bluegreen.orders", 2_000);
    private static final int PARTITIONS = 2;
    private static final int THREADS = Integer.getInteger("bluegreen.threads", 4);
    private static final Duration DWELL = Duration.ofSeconds(Long.getLong("bluegreen.dwell", 3));
    /** Promote-and-rollback rounds. */
    private static final int ROUNDS = Integer.getInteger("bluegreen.rounds", 1);
    /** serve reads the alias this often: a move shows within about this long. */
    private static final Duration ALIAS_INTERVAL = Duration.ofMillis(Long.getLong("bluegreen.aliasIntervalMs", 500));
    private static final Duration SWITCH_LIMIT = Duration.ofSeconds(10);
    private static final Pattern SERVING = Pattern.compile("serving table \\S+ of view \\S+ on (http://\\S+) ");

    /** One answer: which thread asked, when (nanoTime, sent and answered), which order, and what came back. */
    private record Answer(int thread, long sent, long received, String orderId, int status, String table,
                          String body) {
    }

    @Test
    void promoteAndRollBack_underLoad_failNoRequest_andEveryAnswerIsItsTables(LocalServers servers,
                                                                              @TempDir Path dir)
            throws Exception {
        servers.kafkaBootstrapServers();
        servers.dynamoDbEndpoint();
        Map<String, String> env = servers.environment();
        Path source = dir.resolve("source");
        String archive = dir.resolve("archive").toString();
        String snapshots = dir.resolve("snapshots").toString();
        try (LiveKafka kafka = new LiveKafka(servers.kafkaBootstrapServers());
             LiveTable tables = new LiveTable(servers)) {
            DynamoCatalog catalog = new DynamoCatalog(tables.client(), CATALOG, Clock.systemUTC());
            JsonNode generated = run(env, "generate", "--archive", source.toString(), "--orders",
                    Integer.toString(ORDERS), "--partitions", Integer.toString(PARTITIONS), "--bad-records", "0.01",
                    "--seed", "1414", "--json");
            Map<Integer, Long> ends = new TreeMap<>();
            generated.get("endOffsets").fields().forEachRemaining(end -> ends.put(Integer.parseInt(
                    end.getKey().substring(end.getKey().lastIndexOf('-') + 1)), end.getValue().asLong() + 1));
            Map<Integer, Long> zeros = new TreeMap<>();
            Map<Integer, Long> halves = new TreeMap<>();
            ends.forEach((p, end) -> {
                zeros.put(p, 0L);
                halves.put(p, end / 2);
            });

            // blue: the first half, rebuilt, caught up, verified, promoted
            kafka.freshTopic(PARTITIONS);
            kafka.publish(source, zeros, halves);
            archive(servers, archive);
            run(env, "snapshot", "--archive", archive, "--snapshots", snapshots, "--master", "local[2]", "--json");
            RebuildId blue = rebuild(env, archive, snapshots, BLUE);
            run(env, "live", "--table", BLUE, "--catalog-table", CATALOG, "--until-caught-up", "--report-interval",
                    "1", "--json");
            verify(env, archive, snapshots, blue, tables.scan(BLUE).size());
            CliRun promoteBlue = CliRun.run(env, "promote", blue.value(), "--catalog-table", CATALOG);
            assertThat(promoteBlue.exitCode()).as(promoteBlue.err()).isZero();
            assertThat(promoteBlue.out()).contains("promoted " + VIEW + ": (nothing) → " + blue);
            Map<String, Map<String, AttributeValue>> blueItems = tables.scan(BLUE);
            LiveTable.assertSameItems(ExpectedOrderHistory.ofRecords(below(kafka.records(), halves)).items(),
                    blueItems);

            // serve, following the alias, and the load
            StringWriter serveOut = new StringWriter();
            StringWriter serveErr = new StringWriter();
            Thread serving = new Thread(() -> Reproject.run(new String[]{"serve", "--port", "0", "--catalog-table",
                    CATALOG, "--threads", Integer.toString(THREADS * 2), "--alias-interval",
                    Double.toString(ALIAS_INTERVAL.toMillis() / 1000.0)}, new PrintWriter(serveOut, true),
                    new PrintWriter(serveErr, true), env), "serve");
            serving.start();
            URI uri = awaitUri(serveOut, serveErr);
            List<String> orderIds = List.copyOf(ExpectedOrderHistory.ofDirectory(source).items().keySet());
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread client = new Thread(() -> load(uri, orderIds, thread, loading, answers, failures),
                        "client-" + t);
                client.start();
                clients.add(client);
            }
            List<Move> moves = new ArrayList<>();
            RebuildId green;
            try {
                awaitAnswerFrom(answers, BLUE, System.nanoTime());

                // green: the whole topic, from a later snapshot; refused until LIVE, caught up and verified
                kafka.publish(source, halves, ends);
                archive(servers, archive);
                run(env, "snapshot", "--archive", archive, "--snapshots", snapshots, "--master", "local[2]",
                        "--json");
                green = rebuild(env, archive, snapshots, GREEN);
                assertRefused(env, green, List.of(green + " is LOADED, not LIVE", GREEN + " was never verified"));
                run(env, "live", "--table", GREEN, "--catalog-table", CATALOG, "--until-caught-up",
                        "--report-interval", "1", "--json");
                assertRefused(env, green, List.of(GREEN + " was never verified"));
                plantedDivergence(env, archive, snapshots, green, tables);
                verify(env, archive, snapshots, green, tables.scan(GREEN).size());
                RebuildEntry caughtUp = catalog.get(green).orElseThrow();
                catalog.updateLive(green, lagging(caughtUp, 5));
                assertRefused(env, green, List.of("lags by 5 records (more than --max-lag 0)"), "--max-lag", "0");
                catalog.updateLive(green, caughtUp.positions());

                for (int round = 0; round < ROUNDS; round++) {
                    CliRun promote = CliRun.run(env, "promote", green.value(), "--catalog-table", CATALOG,
                            "--max-lag", "0");
                    long promotedAt = System.nanoTime();
                    assertThat(promote.exitCode()).as(promote.err()).isZero();
                    assertThat(promote.out()).contains("promoted " + VIEW + ": " + blue + " → " + green);
                    moves.add(new Move(promotedAt, GREEN, BLUE));
                    awaitAnswerFrom(answers, GREEN, promotedAt);
                    Thread.sleep(DWELL.toMillis());

                    CliRun rollback = CliRun.run(env, "rollback", "--catalog-table", CATALOG);
                    long rolledBackAt = System.nanoTime();
                    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
                    assertThat(rollback.out()).contains("rolled back " + VIEW + ": " + green + " → " + blue);
                    moves.add(new Move(rolledBackAt, BLUE, GREEN));
                    awaitAnswerFrom(answers, BLUE, rolledBackAt);
                    Thread.sleep(DWELL.toMillis());
                }
            } finally {
                loading.set(false);
                for (Thread client : clients) {
                    client.join(30_000);
                }
                serving.interrupt();
                serving.join(30_000);
            }
            Map<String, Map<String, AttributeValue>> greenItems = tables.scan(GREEN);
            LiveTable.assertSameItems(ExpectedOrderHistory.ofRecords(kafka.records()).items(), greenItems);
            Map<String, Map<String, Map<String, AttributeValue>>> items = Map.of(BLUE, blueItems, GREEN, greenItems);

            List<Answer> all = List.copyOf(answers);
            long differing = orderIds.stream().filter(id -> !String.valueOf(blueItems.get(id))
                    .equals(String.valueOf(greenItems.get(id)))).count();
            List<Switch> switches = moves.stream().map(m -> Switch.of(all, m)).toList();
            System.out.printf("BlueGreenIT: %,d requests from %d threads in %.0f s, %,d failed; %,d from %s, %,d "
                    + "from %s; %,d of %,d orders differ between the tables; %d moves (alias read every %d "
                    + "ms): first answer from the new table %s ms after each, last from the old one sent %s "
                    + "ms after%n",
                    all.size(), THREADS, (all.get(all.size() - 1).received() - all.get(0).sent()) / 1e9,
                    failures.size(), count(all, BLUE), BLUE, count(all, GREEN), GREEN, differing, orderIds.size(),
                    moves.size(), ALIAS_INTERVAL.toMillis(), switches.stream().map(w -> w.firstNewMillis() + "")
                            .toList(),
                    switches.stream().map(w -> w.lastOldMillis() + "").toList());

            assertThat(failures).as("failed requests").isEmpty();
            assertThat(differing).as("orders the two tables answer differently").isGreaterThan(ORDERS / 10);
            assertThat(count(all, GREEN)).isPositive();
            assertThat(count(all, BLUE)).isPositive();
            for (Answer answer : all) {
                assertSameOrder(answer, items.get(answer.table()).get(answer.orderId()));
            }
            List<String> turns = new ArrayList<>(List.of(BLUE));
            moves.forEach(m -> turns.add(m.to()));
            for (int t = 0; t < THREADS; t++) {
                assertThat(runs(all, t)).as("the tables thread %d got answers from, in turn", t)
                        .isEqualTo(turns);
            }
            for (Switch w : switches) {
                assertThat(w.lastOldMillis()).as("ms after a move a request still got the old table")
                        .isLessThan(SWITCH_LIMIT.toMillis());
            }

            // query reads the alias too: an order only green has is not found while blue serves
            String onlyGreen = orderIds.stream().filter(id -> !blueItems.containsKey(id) && greenItems.containsKey(id))
                    .findFirst().orElseThrow();
            CliRun fromBlue = CliRun.run(env, "query", "order", onlyGreen, "--catalog-table", CATALOG);
            assertThat(fromBlue.exitCode()).as(fromBlue.err()).isEqualTo(4);
            assertThat(fromBlue.err()).contains(BLUE);

            // --force: past a refusal (a lag above --max-lag), recorded in the alias's history
            RebuildEntry caughtUp = catalog.get(green).orElseThrow();
            catalog.updateLive(green, lagging(caughtUp, 7));
            CliRun forced = CliRun.run(env, "promote", green.value(), "--catalog-table", CATALOG, "--max-lag", "0",
                    "--force", "--note", "the test");
            assertThat(forced.exitCode()).as(forced.err()).isZero();
            assertThat(forced.err()).contains("forced past: " + LiveKafka.TOPIC + "/0 lags by 7 records");
            assertThat(forced.out()).contains("promoted " + VIEW + ": " + blue + " → " + green + " (forced");
            ViewAlias alias = catalog.aliases().get(VIEW);
            assertThat(alias.target()).contains(green);
            List<AliasMove.Kind> kinds = new ArrayList<>(List.of(AliasMove.Kind.PROMOTE));
            for (int round = 0; round < ROUNDS; round++) {
                kinds.addAll(List.of(AliasMove.Kind.PROMOTE, AliasMove.Kind.ROLLBACK));
            }
            kinds.add(AliasMove.Kind.PROMOTE);
            assertThat(alias.history()).extracting(AliasMove::kind)
                    .isEqualTo(kinds.subList(Math.max(0, kinds.size() - ViewAlias.HISTORY), kinds.size()));
            AliasMove last = alias.history().get(alias.history().size() - 1);
            assertThat(last.forced()).isTrue();
            assertThat(last.from()).contains(blue);
            assertThat(last.note()).startsWith("forced past: " + LiveKafka.TOPIC + "/0 lags by 7 records")
                    .endsWith("the test");
            CliRun fromGreen = CliRun.run(env, "query", "order", onlyGreen, "--catalog-table", CATALOG);
            assertThat(fromGreen.exitCode()).as(fromGreen.err()).isZero();
            assertThat(JSON.readTree(fromGreen.out()).get("orderStatus").textValue())
                    .isEqualTo(greenItems.get(onlyGreen).get("orderStatus").s());
            CliRun unknown = CliRun.run(env, "promote", GREEN + "@20200101T000000.000Z", "--catalog-table", CATALOG);
            assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(4);
        }
    }

    /** Sends GET /orders/{id} for random orders until told to stop; anything but 200 or 404 is a failure. */
    private static void load(URI uri, List<String> orderIds, int thread, AtomicBoolean loading,
                             ConcurrentLinkedQueue<Answer> answers, ConcurrentLinkedQueue<String> failures) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (loading.get()) {
            String id = orderIds.get(ThreadLocalRandom.current().nextInt(orderIds.size()));
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri.resolve("/orders/" + id))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                Optional<String> table = response.headers().firstValue("X-Reproject-Table");
                if ((response.statusCode() != 200 && response.statusCode() != 404) || table.isEmpty()) {
                    failures.add("GET /orders/" + id + ": " + response.statusCode() + " " + table + " "
                            + response.body());
                } else {
                    answers.add(new Answer(thread, sent, System.nanoTime(), id, response.statusCode(), table.get(),
                            response.body()));
                }
            } catch (IOException | RuntimeException e) {
                failures.add("GET /orders/" + id + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The answer is the table's item: 404 when the table has none, else its fields. */
    private static void assertSameOrder(Answer answer, Map<String, AttributeValue> item) throws IOException {
        String what = answer.table() + " " + answer.orderId();
        if (item == null) {
            assertThat(answer.status()).as("%s: no item, %s", what, answer.body()).isEqualTo(404);
            return;
        }
        assertThat(answer.status()).as("%s: %s", what, answer.body()).isEqualTo(200);
        JsonNode order = JSON.readTree(answer.body());
        for (String s : List.of("orderId", "consumerId", "orderStatus", "restaurantName", "orderTotal")) {
            assertThat(order.get(s).asText()).as("%s %s", what, s).isEqualTo(item.get(s).s());
        }
        for (String n : List.of("creationDate", "restaurantId")) {
            assertThat(order.get(n).asLong()).as("%s %s", what, n).isEqualTo(Long.parseLong(item.get(n).n()));
        }
        List<AttributeValue> lines = item.get("lineItems").l();
        assertThat(order.get("lineItems")).as("%s lineItems", what).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Map<String, AttributeValue> line = lines.get(i).m();
            JsonNode json = order.get("lineItems").get(i);
            assertThat(json.get("menuItemId").asText()).isEqualTo(line.get("menuItemId").s());
            assertThat(json.get("quantity").asLong()).isEqualTo(Long.parseLong(line.get("quantity").n()));
        }
    }

    /** A move of the alias: when its command returned (nanoTime), to which table, from which. */
    private record Move(long at, String to, String from) {
    }

    /** How quickly the answers moved to the new table after a move. */
    private record Switch(long firstNewMillis, long lastOldMillis) {

        static Switch of(List<Answer> answers, Move move) {
            long movedAt = move.at();
            String to = move.to();
            String from = move.from();
            long firstNew = answers.stream().filter(a -> a.table().equals(to) && a.sent() >= movedAt)
                    .mapToLong(Answer::received).min().orElse(Long.MAX_VALUE);
            // the last request sent after the move and still answered from the old table, before the next move
            long lastOld = answers.stream().filter(a -> a.table().equals(from) && a.sent() >= movedAt
                    && a.sent() < firstNew).mapToLong(Answer::sent).max().orElse(movedAt);
            return new Switch((firstNew - movedAt) / 1_000_000, (lastOld - movedAt) / 1_000_000);
        }
    }

    /** The tables a thread's answers came from, consecutive repeats merged. */
    private static List<String> runs(List<Answer> answers, int thread) {
        List<String> runs = new ArrayList<>();
        answers.stream().filter(a -> a.thread() == thread).sorted((a, b) -> Long.compare(a.sent(), b.sent()))
                .forEach(a -> {
                    if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(a.table())) {
                        runs.add(a.table());
                    }
                });
        return runs;
    }

    private static long count(List<Answer> answers, String table) {
        return answers.stream().filter(a -> a.table().equals(table)).count();
    }

    private static void awaitAnswerFrom(ConcurrentLinkedQueue<Answer> answers, String table, long sentAfter)
            throws InterruptedException {
        long deadline = System.nanoTime() + SWITCH_LIMIT.toNanos();
        while (answers.stream().noneMatch(a -> a.table().equals(table) && a.sent() >= sentAfter)) {
            assertThat(System.nanoTime()).as("an answer from %s within %s", table, SWITCH_LIMIT)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void assertRefused(Map<String, String> env, RebuildId id, List<String> reasons,
                                      String... more) {
        List<String> args = new ArrayList<>(List.of("promote", id.value(), "--catalog-table", CATALOG));
        args.addAll(List.of(more));
        CliRun refused = CliRun.run(env, args.toArray(String[]::new));
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(8);
        assertThat(refused.err()).contains("reproject promote: refused:");
        reasons.forEach(reason -> assertThat(refused.err()).contains(reason));
        assertThat(refused.out()).isEmpty();
    }

    /** The entry's positions, each lagging by {@code lag}. */
    private static Map<SourcePartition, LivePosition> lagging(RebuildEntry entry, long lag) {
        Map<SourcePartition, LivePosition> positions = new TreeMap<>();
        entry.positions().forEach((p, position) -> positions.put(p, new LivePosition(position.offset(), lag)));
        assertThat(positions).isNotEmpty();
        return positions;
    }

    /**
     * One item of the rebuild's table changed and another deleted, directly: {@code verify} finds each with its class
     * and key (exit 7) and {@code promote} refuses, naming what the verify found; then both items are put back.
     */
    private static void plantedDivergence(Map<String, String> env, String archive, String snapshots,
                                          RebuildId rebuild, LiveTable tables)
            throws IOException {
        List<Map<String, AttributeValue>> items = List.copyOf(new TreeMap<>(tables.scan(rebuild.table())).values());
        Map<String, AttributeValue> changed = items.get(0);
        Map<String, AttributeValue> deleted = items.get(1);
        String changedId = changed.get("orderId").s();
        String deletedId = deleted.get("orderId").s();
        Map<String, AttributeValue> wrong = new HashMap<>(changed);
        wrong.put("restaurantName", AttributeValue.fromS("planted by BlueGreenIT"));
        tables.client().putItem(b -> b.tableName(rebuild.table()).item(wrong));
        tables.client().deleteItem(b -> b.tableName(rebuild.table()).key(Map.of("orderId",
                AttributeValue.fromS(deletedId))));
        try {
            CliRun run = CliRun.run(env, "verify", "--archive", archive, "--snapshots", snapshots, "--rebuild",
                    rebuild.value(), "--catalog-table", CATALOG, "--master", "local[2]", "--json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(7);
            JsonNode verified = JSON.readTree(run.out());
            assertThat(verified.get("counts").get("diverged").asLong()).isEqualTo(1);
            assertThat(verified.get("counts").get("missing").asLong()).isEqualTo(1);
            Map<String, String> classes = new TreeMap<>();
            for (JsonNode d : verified.get("differences")) {
                // the key as DynamoDB JSON of the table's key attributes
                classes.merge(JSON.readTree(d.get("key").asText()).get("orderId").get("S").asText(),
                        d.get("class").asText(), (a, b) -> a.equals(b) ? a : a + "," + b);
            }
            assertThat(classes).containsExactlyInAnyOrderEntriesOf(Map.of(changedId, "diverged", deletedId,
                    "missing"));
            assertRefused(env, rebuild, List.of("found diverged 1, missing 1"));
        } finally {
            tables.client().putItem(b -> b.tableName(rebuild.table()).item(changed));
            tables.client().putItem(b -> b.tableName(rebuild.table()).item(deleted));
        }
    }

    /** {@code reproject verify} of the rebuild: every item of its table equal, nothing else. */
    private static void verify(Map<String, String> env, String archive, String snapshots, RebuildId rebuild,
                               int items)
            throws IOException {
        JsonNode verified = run(env, "verify", "--archive", archive, "--snapshots", snapshots, "--rebuild",
                rebuild.value(), "--catalog-table", CATALOG, "--master", "local[2]", "--json");
        JsonNode counts = verified.get("counts");
        assertThat(counts.get("equal").asLong()).as(verified.toString()).isEqualTo(items);
        counts.fields().forEachRemaining(c -> assertThat(c.getKey().equals("equal") ? 0 : c.getValue().asLong())
                .as(verified.toString()).isZero());
    }

    private static RebuildId rebuild(Map<String, String> env, String archive, String snapshots, String table)
            throws IOException {
        JsonNode rebuild = run(env, "rebuild", "--archive", archive, "--snapshots", snapshots, "--table", table,
                "--catalog-table", CATALOG, "--master", "local[2]", "--json");
        assertThat(rebuild.get("status").asText()).isEqualTo("LOADED");
        return new RebuildId(rebuild.get("id").asText());
    }

    /** Archives what the topic holds now, going on after the archive's last offset. */
    private static void archive(LocalServers servers, String archive) throws IOException {
        try (ArchiveStore store = new LocalArchiveStore(archive)) {
            new TopicArchiver(servers.kafkaBootstrapServers(), store).archive(ArchiveRequest.of(LiveKafka.TOPIC));
        }
    }

    /** The records below {@code until} in each partition. */
    private static Map<Integer, Map<Long, String>> below(Map<Integer, ? extends Map<Long, String>> records,
                                                         Map<Integer, Long> until) {
        Map<Integer, Map<Long, String>> out = new TreeMap<>();
        records.forEach((p, byOffset) -> {
            Map<Long, String> kept = new TreeMap<>();
            byOffset.forEach((offset, value) -> {
                if (offset < until.get(p)) {
                    kept.put(offset, value);
                }
            });
            out.put(p, kept);
        });
        return out;
    }

    private static URI awaitUri(StringWriter out, StringWriter err) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Matcher m = SERVING.matcher(out.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            assertThat(System.nanoTime()).as("serve started: %s %s", out, err).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static JsonNode run(Map<String, String> env, String... args) throws IOException {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as("reproject %s%n%s", String.join(" ", args), run.err()).isZero();
        return JSON.readTree(run.out());
    }
}
