package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.Update;
import dev.reproject.core.item.UpdateCombiner;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two interpreters of an update agree: random event sequences ({@link RandomSequences}) go, in the same order,
 * through {@link UpdateFold} and through conditional UpdateItem calls on a real DynamoDB-compatible server
 * (dynalite); every update must have the same outcome (applied, duplicate, or rejected for the same reason) and
 * after each sequence the stored items must equal the fold's. Where dynalite departs from DynamoDB's documented
 * behaviour ({@link KnownDeviations}), only the affected updates are left out, on both sides, and counted.
 *
 * <p>Reproduce a failure with {@code -Dreproject.it.seed=<seed>} (printed at the start and in every failure).
 */
@ExtendWith(LocalServersExtension.class)
class UpdateAlgebraAgreementIT {

    private static final int SEQUENCES = Integer.getInteger("reproject.it.sequences", 1_200);
    private static final int THREADS = 4;
    private static final int MAX_REPORTED_FAILURES = 10;

    private static DynamoDbClient client;
    private static String table;
    private static final UpdateFold FOLD = new UpdateFold(RandomSequences.TABLE);

    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    @BeforeAll
    static void createTable(LocalServers servers) {
        client = TestDynalite.client(servers);
        table = TestDynalite.createTable(client, "agreement", RandomSequences.TABLE);
    }

    @AfterAll
    static void dropTable() {
        if (client != null) {
            client.deleteTable(b -> b.tableName(table));
            client.close();
        }
    }

    @Test
    void foldAndConditionalUpdateItemAgree() throws Exception {
        long seed = Long.getLong("reproject.it.seed", System.nanoTime());
        System.out.printf("UpdateAlgebraAgreementIT: seed %d, %d sequences (rerun with -Dreproject.it.seed=%d)%n",
                seed, SEQUENCES, seed);
        RandomSequences sequences = new RandomSequences(seed, Long.toString(seed & 0xffffff, 36));
        long start = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < SEQUENCES && failures.size() < MAX_REPORTED_FAILURES;
                            i = next.getAndIncrement()) {
                        run(seed, sequences.generate(i));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("UpdateAlgebraAgreementIT: seed %d, %d sequences, %d updates in %d ms; %s%n",
                seed, SEQUENCES, total("updates"), millis, new TreeMap<>(counts));

        assertThat(failures).as("disagreements (seed %d, rerun with -Dreproject.it.seed=%d)", seed, seed).isEmpty();
        // the random mix must have exercised every outcome
        assertThat(total("sequences")).isEqualTo(SEQUENCES);
        assertThat(total("outcome.Applied")).isGreaterThan(1_000);
        assertThat(total("outcome.Duplicate")).isGreaterThan(500);
        assertThat(total("outcome.Rejected.invalid-update")).isGreaterThan(500);
        assertThat(total("outcome.Rejected.item-too-large")).isGreaterThan(5);
        assertThat(total("items.compared")).isGreaterThanOrEqualTo(SEQUENCES);
        for (String action : List.of("Set", "SetIfNotExists", "Add", "Delete", "Remove", "ListAppend")) {
            assertThat(total("applied." + action)).as("applied %s actions", action).isGreaterThan(300);
        }
    }

    /**
     * The live updater's combined writes (consecutive deliveries of one key as one {@link CombinedUpdate}, where
     * {@link UpdateCombiner} allows) agree as well: the fold of the combined write and the conditional UpdateItem it
     * renders to have the same outcome and leave the same item.
     */
    @Test
    void foldAndCombinedConditionalUpdateItemAgree() throws Exception {
        long seed = Long.getLong("reproject.it.seed", System.nanoTime());
        System.out.printf("UpdateAlgebraAgreementIT (combined): seed %d, %d sequences%n", seed, SEQUENCES / 6);
        RandomSequences sequences = new RandomSequences(seed, "c" + Long.toString(seed & 0xffffff, 36));
        for (int i = 0; i < SEQUENCES / 6 && failures.isEmpty(); i++) {
            RandomSequences.Sequence sequence = sequences.generate(i);
            List<CombinedUpdate> writes = new ArrayList<>();
            for (Update update : sequence.deliveries()) {
                int last = writes.size() - 1;
                Optional<CombinedUpdate> longer = last < 0 ? Optional.empty()
                        : UpdateCombiner.then(writes.get(last), update);
                if (longer.isPresent()) {
                    writes.set(last, longer.get());
                } else {
                    writes.add(CombinedUpdate.of(update));
                }
            }
            run(seed, sequence, writes);
        }
        System.out.printf("UpdateAlgebraAgreementIT (combined): seed %d; %s%n", seed, new TreeMap<>(counts));

        assertThat(failures).as("disagreements (seed %d, rerun with -Dreproject.it.seed=%d)", seed, seed).isEmpty();
        assertThat(total("combined")).as("combined writes sent").isGreaterThan(100);
        assertThat(total("combined.outcome.Applied")).isGreaterThan(50);
        assertThat(total("combined.outcome.Duplicate")).isGreaterThan(10);
    }

    /** Applies one sequence on both sides, then compares the items. */
    private void run(long seed, RandomSequences.Sequence sequence) {
        run(seed, sequence, sequence.deliveries().stream().map(CombinedUpdate::of).toList());
    }

    /** Applies one sequence's writes (single or combined) on both sides, then compares the items. */
    private void run(long seed, RandomSequences.Sequence sequence, List<CombinedUpdate> writes) {
        Map<SortedMap<String, AttrValue>, Item> folded = new HashMap<>();
        int position = 0;
        for (CombinedUpdate write : writes) {
            Update update = write.update();
            String prefix = write.events() > 1 ? "combined." : "";
            if (write.events() > 1) {
                count("combined");
            }
            count("updates");
            Item current = folded.getOrDefault(update.key(), Item.EMPTY);
            Optional<KnownDeviations> deviation = KnownDeviations.before(RandomSequences.TABLE, current, write);
            if (deviation.isPresent()) {
                count("excluded." + deviation.get()); // sent to neither side: dynalite would not answer as DynamoDB
                position++;
                continue;
            }
            FoldResult result = FOLD.apply(current, write);
            DynamoOutcome remote = DynamoOutcome.send(client, table, write);
            if (!remote.agreesWith(result)) {
                Item candidate = result instanceof FoldResult.Applied applied ? applied.item() : get(update.key());
                if (KnownDeviations.isItemSize(result, remote, candidate)) {
                    count("excluded." + KnownDeviations.ITEM_SIZE);
                    restore(update.key(), current); // undo what dynalite applied, if it did
                    position++;
                    continue;
                }
                failures.add(String.format(
                        "seed %d, sequence %d, delivery %d: fold %s, dynalite %s%n  update %s%n  item before %s",
                        seed, sequence.index(), position, result, remote, abbreviate(update.toString()),
                        abbreviate(DynamoJson.write(current))));
                return;
            }
            count(prefix + "outcome." + outcomeName(result));
            if (result instanceof FoldResult.Applied applied) {
                folded.put(update.key(), applied.item());
                update.actions().forEach(action -> count("applied." + action.getClass().getSimpleName()));
            }
            position++;
        }
        for (SortedMap<String, AttrValue> key : sequence.keys()) {
            Item expected = folded.getOrDefault(key, Item.EMPTY);
            Item stored = get(key);
            count("items.compared");
            if (!stored.equals(expected)) {
                failures.add(String.format("seed %d, sequence %d, key %s: items differ%n  fold    %s%n  dynalite %s",
                        seed, sequence.index(), key, abbreviate(DynamoJson.write(expected)),
                        abbreviate(DynamoJson.write(stored))));
                return;
            }
        }
        count("sequences");
    }

    private Item get(SortedMap<String, AttrValue> key) {
        return AttributeValues.toItem(client.getItem(GetItemRequest.builder()
                .tableName(table).key(AttributeValues.toSdk(key)).consistentRead(true).build()).item());
    }

    private void restore(SortedMap<String, AttrValue> key, Item item) {
        if (item.isEmpty()) {
            client.deleteItem(b -> b.tableName(table).key(AttributeValues.toSdk(key)));
        } else {
            client.putItem(b -> b.tableName(table).item(AttributeValues.toSdk(item)));
        }
    }

    private static String outcomeName(FoldResult result) {
        if (result instanceof FoldResult.Rejected rejected) {
            return "Rejected." + rejected.reason().code();
        }
        return result.getClass().getSimpleName();
    }

    private void count(String name) {
        counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    private long total(String name) {
        AtomicLong count = counts.get(name);
        return count == null ? 0 : count.get();
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "... (" + text.length() + " chars)";
    }
}
