package dev.reproject.snapshot;

import dev.reproject.core.archive.FileDigest;
import dev.reproject.core.archive.Hole;
import dev.reproject.core.archive.KnownFiles;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.CompactionPolicy;
import dev.reproject.core.snapshot.ManifestJson;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.reproject.snapshot.ActivityArchive.lines;
import static dev.reproject.snapshot.ActivityArchive.placed;
import static dev.reproject.snapshot.ActivityArchive.registered;
import static dev.reproject.snapshot.ConsumerActivityView.CONSUMERS;
import static dev.reproject.snapshot.ConsumerActivityView.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The snapshot job with the consumer-activity test view over hand-made local archives. */
class SnapshotJobIT {

    private static SparkSession spark;
    @TempDir
    Path dir;
    private ActivityArchive archive;
    private SnapshotStore store;
    /** the independent model: what the view's items must hold, computed here from the events written */
    private final Expected expected = new Expected();

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("SnapshotJobIT")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @BeforeEach
    void setUp() {
        archive = new ActivityArchive(dir.resolve("archive"));
        store = new SnapshotStore(ArchiveRoot.of(dir.resolve("snapshots").toString()),
                spark.sparkContext().hadoopConfiguration());
    }

    private SnapshotOutcome run(boolean full, boolean allowGaps) throws Exception {
        return new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC())
                .run(new SnapshotRequest(archive.root().toString(), ConsumerActivityView.NAME, full, allowGaps));
    }

    private SnapshotManifest committed(boolean full) throws Exception {
        SnapshotOutcome outcome = run(full, false);
        assertThat(outcome).isInstanceOf(SnapshotOutcome.Committed.class);
        return ((SnapshotOutcome.Committed) outcome).manifest();
    }

    private Map<String, Item> rows(SnapshotManifest m) throws IOException {
        Map<String, Item> rows = new TreeMap<>();
        for (Row row : SnapshotRows.open(spark, store, m).all().collectAsList()) {
            Item item = DynamoJson.readItem(row.getString(1));
            rows.put(((AttrValue.S) item.get("consumerId").orElseThrow()).value(), item);
        }
        return rows;
    }

    /** Writes consumers c1..cN and some orders over two topics and several partitions. */
    private void firstBatch() {
        List<String> consumers0 = lines();
        List<String> consumers1 = lines();
        for (int c = 1; c <= 6; c++) {
            String id = archive.nextId();
            (c % 2 == 0 ? consumers0 : consumers1).add(registered(id, "c" + c, "Consumer " + c));
            expected.registered("c" + c, "Consumer " + c, id);
        }
        archive.append(CONSUMERS, 0, consumers0);
        archive.append(CONSUMERS, 1, consumers1);
        for (int p = 0; p < 3; p++) {
            List<String> orders = lines();
            for (int o = p * 10; o < p * 10 + 8; o++) {
                String id = archive.nextId();
                String consumer = "c" + (o % 6 + 1);
                orders.add(placed(id, "o" + o, consumer, "R" + (o % 4), "t" + (o % 3)));
                expected.placed("o" + o, consumer, "R" + (o % 4), id, "t" + (o % 3));
            }
            archive.append(ORDERS, p, orders);
        }
    }

    @Test
    void thirty_five_incremental_snapshots_keep_the_manifest_bounded_and_end_equal_to_the_model_and_a_full_run()
            throws Exception {
        firstBatch();
        committed(false);
        List<Integer> sizes = new ArrayList<>();
        List<String> early = List.of();
        long earlyStart = 0;
        for (int run = 0; run < 35; run++) {
            List<String> orders = lines();
            String id = archive.nextId();
            String consumer = "c" + (run % 6 + 1);
            orders.add(placed(id, "n" + run, consumer, "R" + (run % 4), "t" + (run % 3)));
            expected.placed("n" + run, consumer, "R" + (run % 4), id, "t" + (run % 3));
            if (run == 2) {
                early = orders;
                earlyStart = archive.nextOffset(ORDERS, 0);
            }
            archive.append(ORDERS, 0, orders); // one more file in partition 0 every run
            if (run == 30) { // Connect re-delivers an early file late: below the digest, so every old file is read
                archive.writeAt("again/" + ORDERS, ORDERS, 0, earlyStart, early, false);
            }
            SnapshotManifest m = committed(false);
            // the layers are bounded by the compaction policy, the rest by the digest of known files
            assertThat(m.layers()).hasSizeLessThanOrEqualTo(CompactionPolicy.DEFAULT_MAX_LAYERS);
            sizes.add(ManifestJson.write(m.withLayers(List.of(m.layers().get(0)))).length());
            if (run == 30) {
                // the copy starts at 10, below the digest's 'through' (21: 31 known files, the newest 16 kept by
                // path): the files listed there are not the ones summarised, so all are opened again — the first
                // batch's (offsets 0..7), runs 0..13's (8..21) and the copy — besides the new one (38); each of
                // their 8 + 14 + 1 records is at or below the watermark: a duplicate, and no row changes
                assertThat(m.counts().filesOpened()).isEqualTo(1 + 14 + 1 + 1);
                assertThat(m.counts().duplicateRecords()).isEqualTo(8 + 14 + 1);
                assertThat(m.counts().records()).isEqualTo(1);
            }
        }

        SnapshotManifest last = store.latest(ConsumerActivityView.NAME).orElseThrow();
        SourcePartition p0 = new SourcePartition(ORDERS, 0);
        assertThat(last.position().knownFiles(p0)).hasSize(KnownFiles.KEPT);
        assertThat(last.position().knownDigest(p0)).get().extracting(FileDigest::count)
                .isEqualTo(36L + 1 - KnownFiles.KEPT); // the first batch's file, 35 more and the late copy
        assertThat(last.counts().filesOpened()).as("the last run opens its new file only").isEqualTo(1);
        assertThat(sizes.get(34) - sizes.get(20)).as("manifest bytes per run: %s", sizes).isBetween(-40, 40);
        assertThat(rows(last)).isEqualTo(expected.items());
        assertThat(rows(committed(true))).isEqualTo(rows(last));
    }

    @Test
    void a_full_snapshot_holds_exactly_the_expected_items() throws Exception {
        firstBatch();
        SnapshotManifest m = committed(true);

        assertThat(rows(m)).isEqualTo(expected.items());
        assertThat(m.counts().items()).isEqualTo(6);
        assertThat(m.counts().applied()).isEqualTo(6 + 24);
        assertThat(m.counts().events()).isEqualTo(30);
        assertThat(m.parent()).isEmpty();
        assertThat(m.position().watermark().offsets()).containsOnly(
                entry(new SourcePartition(CONSUMERS, 0), 2L), entry(new SourcePartition(CONSUMERS, 1), 2L),
                entry(new SourcePartition(ORDERS, 0), 7L), entry(new SourcePartition(ORDERS, 1), 7L),
                entry(new SourcePartition(ORDERS, 2), 7L));
    }

    @Test
    void incremental_snapshots_over_a_growing_archive_equal_one_full_run() throws Exception {
        firstBatch();
        SnapshotManifest first = committed(false);

        // step 2: new orders, a re-delivered copy of an old file, and a straddling file that repeats the end of
        // partition 0 (offsets 5..7) and runs past it with new orders (8..9)
        String reDelivered = archive.writeAt("redelivered/" + ORDERS, ORDERS, 1, 0,
                Files.readAllLines(archive.root().resolve(
                        "topics/" + ORDERS + "/partition=1/" + ORDERS + "+1+0000000000.json")),
                false);
        List<String> p0 = Files.readAllLines(archive.root().resolve(
                "topics/" + ORDERS + "/partition=0/" + ORDERS + "+0+0000000000.json"));
        List<String> straddling = lines(p0.get(5), p0.get(6), p0.get(7));
        for (int o = 100; o < 102; o++) {
            String id = archive.nextId();
            straddling.add(placed(id, "o" + o, "c1", "R9"));
            expected.placed("o" + o, "c1", "R9", id);
        }
        archive.writeAt("late/" + ORDERS, ORDERS, 0, 5, straddling, true);
        List<String> more = lines();
        for (int o = 200; o < 205; o++) {
            String id = archive.nextId();
            more.add(placed(id, "o" + o, "c2", "R" + o, "new"));
            expected.placed("o" + o, "c2", "R" + o, id, "new");
        }
        archive.append(ORDERS, 2, more);
        SnapshotManifest second = committed(false);
        assertThat(second.parent()).contains(first.id());
        assertThat(second.counts().duplicateRecords()).isEqualTo(8 + 3);
        assertThat(reDelivered).isNotNull();

        // step 3: a late duplicate of an old event (same ID, new offset), a new consumer, and a new partition
        String oldLine = p0.get(0);
        String id = archive.nextId();
        archive.append(ORDERS, 1, lines(oldLine, placed(id, "o300", "c7", "R1")));
        expected.placed("o300", "c7", "R1", id);
        String rid = archive.nextId();
        archive.append(CONSUMERS, 2, lines(registered(rid, "c7", "Consumer 7")));
        expected.registered("c7", "Consumer 7", rid);
        SnapshotManifest third = committed(false);
        assertThat(third.counts().duplicateEvents()).isEqualTo(1);
        assertThat(third.position().watermark().offset(new SourcePartition(CONSUMERS, 2))).hasValue(0);

        SnapshotManifest full = committed(true);
        assertThat(rows(third)).isEqualTo(rows(full)).isEqualTo(expected.items());
        assertThat(full.parent()).isEmpty();
    }

    @Test
    void nothing_new_opens_no_file_and_commits_nothing() throws Exception {
        firstBatch();
        SnapshotManifest first = committed(false);

        SnapshotOutcome again = run(false, false);

        assertThat(again).isInstanceOfSatisfying(SnapshotOutcome.NothingNew.class, n -> {
            assertThat(n.latest().id()).isEqualTo(first.id());
            assertThat(n.scan().filesOpened()).isZero();
            assertThat(n.scan().filesCovered()).isEqualTo(5);
        });
        assertThat(store.list(ConsumerActivityView.NAME)).hasSize(1);
        File[] dirs = dir.resolve("snapshots").resolve(ConsumerActivityView.NAME).toFile().listFiles();
        assertThat(dirs).hasSize(1);
    }

    /** A root without any file of the view's topics: most likely a mistyped --archive (CONTRACT.md §3.2). */
    @Nested
    class RootWithoutFilesOfTheTopics {

        private SnapshotOutcome runOn(Path root, boolean allowEmpty) throws Exception {
            return new SnapshotJob(spark, store, Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC())
                    .run(new SnapshotRequest(root.toString(), ConsumerActivityView.NAME, false, false, allowEmpty));
        }

        @Test
        void a_first_run_is_not_found_naming_the_root_and_the_topics_and_commits_nothing() throws Exception {
            Path typo = dir.resolve("archvie");

            assertThatThrownBy(() -> runOn(typo, false))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageStartingWith("no archive file of topics " + CONSUMERS + ", " + ORDERS + " under "
                            + ArchiveRoot.of(typo.toString()) + ": is --archive right? Nothing was committed.")
                    .hasMessageContaining("--allow-empty");
            assertThat(store.list(ConsumerActivityView.NAME)).isEmpty();
            assertThat(dir.resolve("snapshots").resolve(ConsumerActivityView.NAME)).doesNotExist();
        }

        @Test
        void files_of_other_topics_only_are_no_files_of_the_view() throws Exception {
            archive.append("test.payments", 0, lines(registered(archive.nextId(), "c1", "not this view's")));

            assertThatThrownBy(() -> runOn(archive.root(), false)).isInstanceOf(NotFoundException.class);
        }

        @Test
        void with_allow_empty_a_first_run_commits_an_empty_snapshot_as_before() throws Exception {
            SnapshotOutcome outcome = runOn(dir.resolve("new-archive"), true);

            assertThat(outcome).isInstanceOfSatisfying(SnapshotOutcome.Committed.class,
                    c -> assertThat(c.manifest().counts().items()).isZero());
        }

        @Test
        void after_a_snapshot_a_mistyped_root_is_not_found_while_the_right_one_has_nothing_new() throws Exception {
            firstBatch();
            SnapshotManifest first = committed(false);
            Path typo = dir.resolve("archvie");

            assertThatThrownBy(() -> runOn(typo, false))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("under " + ArchiveRoot.of(typo.toString()) + " (snapshot " + first.id()
                            + " was made from " + archive.root() + ")");
            assertThat(runOn(typo, true)).as("--allow-empty: as before").isInstanceOf(SnapshotOutcome.NothingNew.class);
            assertThat(runOn(archive.root(), false)).as("files, none new")
                    .isInstanceOf(SnapshotOutcome.NothingNew.class);
            assertThat(store.list(ConsumerActivityView.NAME)).containsExactly(first);
        }
    }

    @Test
    void a_missing_file_stops_its_partition_until_it_appears() throws Exception {
        firstBatch();
        // partition 1 of orders gets offsets 8..9 missing, 10..11 present
        String a = archive.nextId();
        String b = archive.nextId();
        String c = archive.nextId();
        String d = archive.nextId();
        archive.writeAt("topics/" + ORDERS + "/partition=1", ORDERS, 1, 10,
                lines(placed(c, "o400", "c3", "R3"), placed(d, "o401", "c3", "R3")), false);
        SnapshotManifest stopped = committed(false);
        assertThat(stopped.holes()).containsExactly(
                new Hole(new SourcePartition(ORDERS, 1), 8, 9, false, "no file holds these offsets"));
        assertThat(stopped.position().watermark().offset(new SourcePartition(ORDERS, 1))).hasValue(7);
        assertThat(stopped.counts().deferred()).isEqualTo(2);
        assertThat(rows(stopped)).isEqualTo(expected.items());

        archive.writeAt("topics/" + ORDERS + "/partition=1", ORDERS, 1, 8,
                lines(placed(a, "o402", "c4", "R4"), placed(b, "o403", "c4", "R4")), false);
        expected.placed("o402", "c4", "R4", a);
        expected.placed("o403", "c4", "R4", b);
        expected.placed("o400", "c3", "R3", c);
        expected.placed("o401", "c3", "R3", d);
        SnapshotManifest resumed = committed(false);
        assertThat(resumed.holes()).isEmpty();
        assertThat(resumed.position().watermark().offset(new SourcePartition(ORDERS, 1))).hasValue(11);
        assertThat(rows(resumed)).isEqualTo(expected.items());
    }

    @Test
    void allow_gaps_passes_a_hole_and_records_it() throws Exception {
        firstBatch();
        String c = archive.nextId();
        archive.writeAt("topics/" + ORDERS + "/partition=1", ORDERS, 1, 10, lines(placed(c, "o400", "c3", "R3")),
                false);
        expected.placed("o400", "c3", "R3", c);

        SnapshotOutcome outcome = run(false, true);

        SnapshotManifest m = ((SnapshotOutcome.Committed) outcome).manifest();
        assertThat(m.holes()).containsExactly(
                new Hole(new SourcePartition(ORDERS, 1), 8, 9, true, "no file holds these offsets"));
        assertThat(m.position().watermark().offset(new SourcePartition(ORDERS, 1))).hasValue(10);
        assertThat(rows(m)).isEqualTo(expected.items());
    }

    @Nested
    class Fingerprints {

        @Test
        void a_parent_made_by_another_definition_needs_a_full_run() throws Exception {
            firstBatch();
            SnapshotManifest first = committed(false);
            // the same snapshot, as if another version of the view had made it
            String manifest = store.directory(first.view(), first.id()).replace("file:", "") + "/manifest.json";
            Files.writeString(Path.of(manifest), Files.readString(Path.of(manifest))
                    .replace(first.fingerprint(), "0123456789abcdef01234567"));
            Files.deleteIfExists(Path.of(manifest).resolveSibling(".manifest.json.crc")); // Hadoop's checksum of it
            archive.append(ORDERS, 0, lines(placed(archive.nextId(), "o900", "c1", "R1")));

            assertThatThrownBy(() -> run(false, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("--full").hasMessageContaining(first.id().value());
            assertThat(committed(true).parent()).isEmpty();
        }
    }

    /** What the consumer-activity items must be, computed from the events this test wrote. */
    private static final class Expected {
        private final Map<String, Map<String, AttrValue>> items = new TreeMap<>();
        private final Map<String, String> seenOrders = new HashMap<>();

        void registered(String consumer, String name, String id) {
            Map<String, AttrValue> item = item(consumer);
            item.put("name", AttrValue.s(name));
            item.put("events.test.Consumer" + consumer, AttrValue.s(id));
        }

        void placed(String order, String consumer, String restaurant, String id, String... tags) {
            if (seenOrders.putIfAbsent(order, id) != null) {
                return;
            }
            Map<String, AttrValue> item = item(consumer);
            long count = item.containsKey("orders") ? ((AttrValue.N) item.get("orders")).value().longValueExact() : 0;
            item.put("orders", AttrValue.n(count + 1));
            TreeSet<String> restaurants = new TreeSet<>();
            if (item.get("restaurants") instanceof AttrValue.SS ss) {
                restaurants.addAll(ss.values());
            }
            restaurants.add(restaurant);
            item.put("restaurants", new AttrValue.SS(restaurants));
            if (tags.length > 0) {
                TreeSet<String> all = new TreeSet<>(List.of(tags));
                if (item.get("tags") instanceof AttrValue.SS ss) {
                    all.addAll(ss.values());
                }
                item.put("tags", new AttrValue.SS(all));
            }
            item.put("events.test.Order" + order, AttrValue.s(id));
        }

        private Map<String, AttrValue> item(String consumer) {
            return items.computeIfAbsent(consumer, c -> {
                Map<String, AttrValue> item = new TreeMap<>();
                item.put("consumerId", AttrValue.s(c));
                return item;
            });
        }

        Map<String, Item> items() {
            Map<String, Item> out = new TreeMap<>();
            items.forEach((consumer, attributes) -> out.put(consumer, Item.of(attributes)));
            return out;
        }
    }
}
