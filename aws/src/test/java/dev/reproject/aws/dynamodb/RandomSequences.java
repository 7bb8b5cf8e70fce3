package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.item.Utf8;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Random, reproducible event sequences for {@link UpdateAlgebraAgreementIT}: a few view keys per sequence, two or
 * three aggregates per key with disjoint attributes (so their markers share an item), every kind of action, updates
 * DynamoDB refuses, and deliveries with duplicates, re-deliveries and later IDs before earlier ones.
 */
final class RandomSequences {

    /** hash pk (S), range sk (N); GSI by-owner: owner (S), rank (N), which some updates give the wrong type */
    static final TableSchema TABLE = new TableSchema("agreement", new KeyAttribute("pk", KeyType.S),
            Optional.of(new KeyAttribute("sk", KeyType.N)),
            List.of(new GlobalIndex("by-owner", new KeyAttribute("owner", KeyType.S),
                    Optional.of(new KeyAttribute("rank", KeyType.N)))));

    static final String OWNER = "owner";
    static final String RANK = "rank";

    private static final String[] SORT_KEYS = {"0", "1", "-1.5", "42", "1E+10", "0.001"};
    /** Event ID characters whose UTF-8 order (a < é < U+FFFF < U+1F600) is not Java's (U+1F600 < U+FFFF). */
    private static final String[] ID_CHARS = {"a", "é", "\uFFFF", "\uD83D\uDE00"};

    /** One sequence: its (valid) keys and the updates in delivery order. */
    record Sequence(int index, List<SortedMap<String, AttrValue>> keys, List<Update> deliveries) {
    }

    private final long seed;
    private final String runId;

    RandomSequences(long seed, String runId) {
        this.seed = seed;
        this.runId = runId;
    }

    /** The same {@code index} always gives the same sequence for the same seed, whatever the thread. */
    Sequence generate(int index) {
        Random random = new Random(seed * 31 + index * 0x9E3779B97F4A7C15L);
        // one sequence in 16 grows items with big strings, so that some pass 400 KB
        Generator generator = new Generator(random, random.nextInt(16) == 0);
        List<SortedMap<String, AttrValue>> keys = new ArrayList<>();
        List<List<Update>> aggregates = new ArrayList<>();
        int keyCount = 1 + random.nextInt(3);
        for (int k = 0; k < keyCount; k++) {
            SortedMap<String, AttrValue> key = new TreeMap<>();
            key.put("pk", new AttrValue.S(runId + "-" + index + "-" + k + (random.nextInt(8) == 0 ? "-ü" : "")));
            key.put("sk", AttrValue.n(pick(random, SORT_KEYS)));
            keys.add(key);
            int aggregateCount = 2 + random.nextInt(2);
            for (int a = 0; a < aggregateCount; a++) {
                aggregates.add(generator.aggregate(key, a, index + "-" + k + "-" + a));
            }
        }
        return new Sequence(index, keys, deliver(random, aggregates));
    }

    /** Interleaves the aggregates' updates, with later IDs first, duplicates and re-deliveries. */
    private static List<Update> deliver(Random random, List<List<Update>> aggregates) {
        List<List<Update>> remaining = new ArrayList<>();
        aggregates.forEach(list -> remaining.add(new ArrayList<>(list)));
        List<Update> delivered = new ArrayList<>();
        while (remaining.stream().anyMatch(list -> !list.isEmpty())) {
            List<Update> from = remaining.get(random.nextInt(remaining.size()));
            if (from.isEmpty()) {
                continue;
            }
            // out of order: the aggregate's next-but-one event overtakes its next one
            int at = from.size() >= 2 && random.nextInt(8) == 0 ? 1 : 0;
            Update update = from.remove(at);
            delivered.add(update);
            if (random.nextInt(10) == 0) {
                delivered.add(update); // the same event twice in a row
            }
            if (random.nextInt(12) == 0) {
                delivered.add(delivered.get(random.nextInt(delivered.size()))); // an earlier one again, later
            }
        }
        return delivered;
    }

    private static final class Generator {

        private final Random random;
        private final RandomValues values;
        private final boolean large;

        Generator(Random random, boolean large) {
            this.random = random;
            this.values = new RandomValues(random);
            this.large = large;
        }

        /** An aggregate's updates in event ID order (by UTF-8 bytes, as DynamoDB orders them). */
        List<Update> aggregate(SortedMap<String, AttrValue> key, int aggregate, String aggregateId) {
            List<String> ids = eventIds(1 + random.nextInt(5));
            List<String> attributes = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                attributes.add("x" + aggregate + "_" + j);
            }
            if (random.nextInt(4) == 0) {
                attributes.add("ä" + aggregate); // a name whose UTF-8 length is not its Java length
            }
            if (aggregate == 0) {
                attributes.add(OWNER);
                attributes.add(RANK);
            }
            List<Update> updates = new ArrayList<>();
            for (String id : ids) {
                Marker marker = Marker.of("net.example.Agg" + aggregate, aggregateId, id);
                updates.add(update(key, attributes, marker, aggregate));
            }
            return updates;
        }

        private List<String> eventIds(int count) {
            List<String> ids = new ArrayList<>();
            boolean unicode = random.nextInt(12) == 0;
            long time = 0x18c1f2e3d4cL + random.nextInt(1_000_000);
            for (int i = 0; i < count; i++) {
                time += 1 + random.nextInt(5000);
                ids.add(unicode ? "id-" + pick(random, ID_CHARS) + pick(random, ID_CHARS)
                        : String.format("%016x-%016x", time, random.nextInt(1 << 16)));
            }
            ids.sort(Utf8::compare);
            return ids;
        }

        private Update update(SortedMap<String, AttrValue> key, List<String> pool, Marker marker, int aggregate) {
            List<String> names = new ArrayList<>(pool);
            Collections.shuffle(names, random);
            List<Action> actions = new ArrayList<>();
            int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4);
            for (String name : names.subList(0, Math.min(count, names.size()))) {
                actions.add(name.equals(OWNER) ? ownerAction() : name.equals(RANK) ? rankAction() : action(name));
            }
            // big strings: two aggregates' together often pass 400 KB
            String big = "x" + aggregate + "_big";
            int roll = large ? random.nextInt(12) : -1;
            if (roll >= 0 && roll < 3) {
                actions.add(new Action.Set(big, new AttrValue.S("h".repeat(120_000 + random.nextInt(180_000)))));
            } else if (roll == 3) {
                actions.add(new Action.Set(big, new AttrValue.S("é".repeat(60_000 + random.nextInt(90_000)))));
            } else if (roll == 4) {
                actions.add(new Action.Remove(big));
            }
            SortedMap<String, AttrValue> updateKey = key;
            if (random.nextInt(10) == 0) {
                updateKey = refused(key, actions, names, marker, aggregate == 0);
            }
            return new Update(updateKey, actions, marker);
        }

        /** Makes the update one DynamoDB refuses whatever the item; returns the key to use. */
        private SortedMap<String, AttrValue> refused(SortedMap<String, AttrValue> key, List<Action> actions,
                                                     List<String> names, Marker marker, boolean ownsIndexKeys) {
            String name = names.get(0);
            switch (random.nextInt(ownsIndexKeys ? 10 : 9)) {
                case 0 -> actions.add(new Action.Set("zz_empty",
                        random.nextBoolean() ? AttrValue.SS.of() : new AttrValue.NS(new TreeSet<>())));
                case 1 -> actions.add(new Action.Set("zz_nested", new AttrValue.L(List.of(new AttrValue.M(
                        new TreeMap<>(Map.of("k", AttrValue.SS.of()))))))); // an empty set deep inside
                case 2 -> actions.add(random.nextBoolean()
                        ? new Action.Set("pk", new AttrValue.S("other")) : new Action.Remove("sk"));
                case 3 -> {
                    actions.add(action(name));
                    actions.add(action(name)); // two actions on one attribute
                }
                case 4 -> actions.add(new Action.Set(marker.attribute(), new AttrValue.S("zzz")));
                case 5 -> actions.add(new Action.Add("zz_add",
                        random.nextBoolean() ? new AttrValue.S("1") : new AttrValue.L(List.of())));
                case 6 -> actions.add(new Action.Delete("zz_delete",
                        random.nextBoolean() ? AttrValue.n(1) : new AttrValue.S("a")));
                case 7 -> actions.add(new Action.ListAppend("zz_append", AttrValue.SS.of("a"), random.nextBoolean()));
                case 8 -> {
                    SortedMap<String, AttrValue> wrong = new TreeMap<>(key);
                    switch (random.nextInt(4)) {
                        case 0 -> wrong.remove("sk");
                        case 1 -> wrong.put("sk", new AttrValue.S("1"));
                        case 2 -> wrong.put("extra", new AttrValue.S("x"));
                        default -> wrong.put("pk", new AttrValue.S(""));
                    }
                    return wrong;
                }
                default -> actions.add(random.nextBoolean()
                        ? new Action.Set(OWNER, AttrValue.n(7))
                        : new Action.SetIfNotExists(RANK, new AttrValue.S("7")));
            }
            return key;
        }

        private Action ownerAction() {
            int roll = random.nextInt(100);
            if (roll < 3) {
                return new Action.Set(OWNER, new AttrValue.S("")); // DynamoDB refuses; dynalite does not
            }
            if (roll < 70) {
                return new Action.Set(OWNER, new AttrValue.S("owner-" + random.nextInt(5)));
            }
            if (roll < 80) {
                return new Action.SetIfNotExists(OWNER, new AttrValue.S("first-" + random.nextInt(5)));
            }
            return new Action.Remove(OWNER);
        }

        private Action rankAction() {
            int roll = random.nextInt(100);
            if (roll < 50) {
                return new Action.Set(RANK, values.number());
            }
            if (roll < 85) {
                return new Action.Add(RANK, AttrValue.n(random.nextInt(21) - 10));
            }
            return new Action.Remove(RANK);
        }

        private Action action(String name) {
            int roll = random.nextInt(100);
            if (roll < 25) {
                return new Action.Set(name, values.value(0));
            }
            if (roll < 35) {
                return new Action.SetIfNotExists(name, values.value(0));
            }
            if (roll < 55) {
                int kind = random.nextInt(10);
                return new Action.Add(name,
                        kind < 6 ? values.addend() : kind < 8 ? values.stringSet() : values.numberSet());
            }
            if (roll < 67) {
                return new Action.Delete(name, random.nextBoolean() ? values.stringSet() : values.numberSet());
            }
            if (roll < 77) {
                return new Action.Remove(name);
            }
            List<AttrValue> tail = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                tail.add(values.value(1));
            }
            return new Action.ListAppend(name, new AttrValue.L(tail), random.nextInt(10) < 7);
        }
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
