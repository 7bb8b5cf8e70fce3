package dev.reproject.live;

import dev.reproject.core.catalog.CatalogRules;
import dev.reproject.core.catalog.ForwardingCatalog;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.error.BusyException;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.InMemoryLeaseStore;
import dev.reproject.core.lease.LeaseKeeper;
import dev.reproject.core.lease.LeaseNames;
import dev.reproject.core.lease.SettableClock;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.core.watermark.Watermark;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.reproject.live.Messages.TOPIC;
import static dev.reproject.live.Messages.created;
import static dev.reproject.live.Messages.id;
import static dev.reproject.live.Messages.transition;
import static dev.reproject.live.Messages.withoutConsumer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live loop on Kafka's mock consumer and producer and an in-memory table: where it starts, what it writes,
 * what it sends to the dead-letter topic, and that offsets are committed only after a poll's writes succeeded.
 */
class LiveUpdaterTest {

    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final String MARKER = "events." + TOPIC;

    private final ViewDefinition view = Views.byName("order-history");
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final InMemoryItemUpdater table = new InMemoryItemUpdater(view.table());
    private final InMemoryRebuildCatalog catalog = new InMemoryRebuildCatalog(Clock.systemUTC());
    private final SettableClock leaseClock = new SettableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final InMemoryLeaseStore leases = new InMemoryLeaseStore(leaseClock);
    private final LiveMetrics metrics = LiveMetrics.unpublished();
    private RebuildEntry entry;
    private LeaseKeeper lease;

    @BeforeEach
    void loadedRebuild() {
        Node node = new Node(0, "127.0.0.1", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        RebuildId id = RebuildId.of("orders", new SnapshotId("20261130T090000.000Z"));
        catalog.begin(RebuildEntry.loading(id, "order-history", "archive", Watermark.empty(), Instant.now()));
        // the table holds partition 0 up to offset 1; partition 1 is not in the archive
        entry = catalog.markLoaded(id, Map.of(), Watermark.of(Map.of(Partitions.toCore(P0), 1L)));
        lease = LeaseKeeper.take(leases, LeaseNames.table("orders"), "live " + id, Duration.ofMinutes(1), leaseClock);
    }

    @AfterEach
    void releaseLease() {
        lease.close();
    }

    @Test
    void applies_from_handoff_plus_one_counts_duplicates_and_skips_and_dead_letters_the_rest() throws Exception {
        List<byte[]> p0 = List.of(
                created("1", 7, 0, 0),                                 // 0: in the table already
                transition("1", "OrderRejected", 1, 1),                // 1: in the table already
                created("10", 7, 2, 2),                                // 2
                transition("10", "OrderAuthorized", 3, 3),             // 3
                created("10", 7, 2, 2),                                // 4: the same event again
                transition("10", "OrderRevisionProposed", 4, 4),       // 5: a type the view does not handle
                "not json".getBytes(StandardCharsets.UTF_8),           // 6
                withoutConsumer("11", 5, 5));                          // 7: invalid-event
        List<byte[]> p1 = List.of(created("20", 8, 6, 6));
        records(P0, p0);
        records(P1, p1);

        LiveOutcome outcome = updater(true).run();

        Map<String, Item> items = byOrderId();
        assertThat(items).containsOnlyKeys("10", "20");
        assertThat(items.get("10").get("orderStatus")).contains(new AttrValue.S("APPROVED"));
        assertThat(items.get("10").get(MARKER + "10")).contains(new AttrValue.S(id(3, 3)));
        assertThat(items.get("20").get("orderStatus")).contains(new AttrValue.S("APPROVAL_PENDING"));
        assertThat(items.get("20").get("consumerId")).contains(new AttrValue.S("8"));

        assertThat(outcome.caughtUp()).isTrue();
        assertThat(outcome.counts().records()).isEqualTo(7);
        assertThat(outcome.counts().applied()).isEqualTo(3);
        assertThat(outcome.counts().duplicates()).isEqualTo(1);
        assertThat(outcome.counts().skipped()).isEqualTo(1);
        assertThat(outcome.counts().deadLettered()).containsExactlyInAnyOrderEntriesOf(
                Map.of(RejectReason.NOT_JSON, 1L, RejectReason.INVALID_EVENT, 1L));

        List<ProducerRecord<byte[], byte[]>> letters = producer.history();
        assertThat(letters).hasSize(2);
        assertThat(letters).allSatisfy(letter -> assertThat(letter.topic()).isEqualTo(TOPIC + ".reproject-dlq"));
        assertThat(header(letters.get(0), DeadLetters.REASON)).isEqualTo("not-json");
        assertThat(header(letters.get(0), DeadLetters.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(letters.get(0), DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(letters.get(0), DeadLetters.SOURCE_OFFSET)).isEqualTo("6");
        assertThat(letters.get(0).value()).isEqualTo(p0.get(6));
        assertThat(header(letters.get(1), DeadLetters.REASON)).isEqualTo("invalid-event");
        assertThat(header(letters.get(1), DeadLetters.SOURCE_OFFSET)).isEqualTo("7");

        assertThat(consumer.committed(Set.of(P0, P1))).containsExactlyInAnyOrderEntriesOf(
                Map.of(P0, new OffsetAndMetadata(8), P1, new OffsetAndMetadata(1)));
        RebuildEntry live = catalog.get(entry.id()).orElseThrow();
        assertThat(live.status()).isEqualTo(RebuildStatus.LIVE);
        assertThat(live.positions()).containsEntry(Partitions.toCore(P0), new LivePosition(8, 0))
                .containsEntry(Partitions.toCore(P1), new LivePosition(1, 0));
    }

    @Test
    void continues_from_the_committed_offsets_of_an_earlier_run() throws Exception {
        List<byte[]> p0 = List.of(created("1", 7, 0, 0), created("1", 7, 0, 0), created("10", 7, 2, 2),
                transition("10", "OrderCancelled", 3, 3));
        consumer.assign(List.of(P0, P1));
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(3)));
        records(P0, p0);
        records(P1, List.of());

        LiveOutcome outcome = updater(true).run();

        assertThat(outcome.counts().records()).isEqualTo(1);
        assertThat(table.calls()).isEqualTo(1);
        assertThat(byOrderId().get("10").get("orderStatus")).contains(new AttrValue.S("CANCELLED"));
    }

    @Test
    void a_write_that_fails_commits_nothing_of_its_poll_and_sends_none_of_its_letters() {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2),
                created("11", 7, 3, 3), "not json".getBytes(StandardCharsets.UTF_8)));
        records(P1, List.of());
        table.failNextWith(new IllegalStateException("table is gone"));

        assertThatThrownBy(() -> updater(true).run()).hasMessageContaining("table is gone");

        assertThat(consumer.committed(Set.of(P0, P1))).isEmpty();
        assertThat(producer.history()).as("letters of a poll that is delivered again").isEmpty();
        RebuildEntry after = catalog.get(entry.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(RebuildStatus.LOADED);
        // the final report is written all the same, with the offsets where the run started: nothing was committed
        assertThat(after.lastLiveUpdate()).isPresent();
        assertThat(after.positions()).containsEntry(Partitions.toCore(P0), new LivePosition(2, 3))
                .containsEntry(Partitions.toCore(P1), new LivePosition(0, 0));
    }

    @Test
    void registers_in_the_catalog_before_its_first_write() throws Exception {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2)));
        records(P1, List.of());
        List<Boolean> registeredAtWrite = new CopyOnWriteArrayList<>();
        ItemUpdater watching = update -> {
            registeredAtWrite.add(catalog.get(entry.id()).orElseThrow().liveStarted());
            return table.apply(update);
        };

        updater(true, watching, catalog).run();

        assertThat(registeredAtWrite).containsExactly(true);
        assertThatThrownBy(() -> catalog.begin(RebuildEntry.loading(entry.id(), "order-history", "archive",
                Watermark.empty(), Instant.now()))).hasMessageContaining("a live updater has written to table orders");
    }

    @Test
    void a_lease_no_longer_held_stops_it_before_it_writes_or_commits() {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2)));
        records(P1, List.of());
        leaseClock.advance(Duration.ofSeconds(55)); // not renewed: within the keeper's margin of expiry

        assertThatThrownBy(() -> updater(true).run()).isInstanceOf(BusyException.class)
                .hasMessageContaining("lease lost").hasMessageContaining("table/orders");

        assertThat(table.calls()).isZero();
        assertThat(consumer.committed(Set.of(P0, P1))).isEmpty();
    }

    @Test
    void an_entry_reset_while_it_runs_stops_it() {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2)));
        records(P1, List.of());
        RebuildCatalog resetAfterRegistering = new ForwardingCatalog(catalog) {
            private int reports;

            @Override
            public RebuildEntry updateLive(RebuildId id, Map<SourcePartition, LivePosition> positions) {
                if (++reports > 1) {
                    throw CatalogRules.missing(id);
                }
                return super.updateLive(id, positions);
            }
        };

        assertThatThrownBy(() -> updater(true, table, resetAfterRegistering).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("live " + entry.id() + " stops: its catalog entry was reset or removed");
    }

    @Test
    void a_rebuild_retired_while_it_runs_stops_it_after_committing_and_returns_the_retired_entry() throws Exception {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2)));
        records(P1, List.of());
        RebuildCatalog retiredAfterRegistering = new ForwardingCatalog(catalog) {
            private int reports;

            @Override
            public RebuildEntry updateLive(RebuildId id, Map<SourcePartition, LivePosition> positions) {
                if (++reports > 1) {
                    catalog.retire(id); // as 'reproject retire' does between two reports
                }
                return super.updateLive(id, positions);
            }
        };

        // not --until-caught-up: only the retirement ends it (at its report once lag is zero, a second on)
        LiveOutcome outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return updater(false, table, retiredAfterRegistering).run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS);

        assertThat(outcome.entry().status()).isEqualTo(RebuildStatus.RETIRED);
        assertThat(outcome.caughtUp()).isFalse();
        assertThat(outcome.counts().applied()).isEqualTo(1);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(catalog.get(entry.id()).orElseThrow().status()).isEqualTo(RebuildStatus.RETIRED);
    }

    @Test
    void stop_ends_a_run_without_until_caught_up_after_committing() throws Exception {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2)));
        records(P1, List.of());
        LiveUpdater updater = updater(false);
        CompletableFuture<LiveOutcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return updater.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (consumer.committed(Set.of(P0)).isEmpty()) {
            Thread.sleep(10);
        }

        assertThat(updater.stop(Duration.ofSeconds(10))).isTrue();
        LiveOutcome outcome = running.join();
        assertThat(outcome.caughtUp()).isFalse();
        assertThat(outcome.counts().applied()).isEqualTo(1);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void as_a_group_member_it_starts_each_partition_it_is_given_at_handoff_plus_one_and_meters_what_it_does()
            throws Exception {
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2),
                "not json".getBytes(StandardCharsets.UTF_8)));
        records(P1, List.of(created("20", 8, 6, 6), created("21", 8, 7, 7)));

        LiveOutcome outcome = updater(consumer, true, table, catalog, LiveOptions.Assignment.GROUP).run();

        assertThat(consumer.subscription()).containsExactly(TOPIC);
        assertThat(byOrderId()).containsOnlyKeys("10", "20", "21");
        assertThat(outcome.caughtUp()).isTrue();
        assertThat(consumer.committed(Set.of(P0, P1))).containsExactlyInAnyOrderEntriesOf(
                Map.of(P0, new OffsetAndMetadata(4), P1, new OffsetAndMetadata(2)));
        assertThat(outcome.counts().records()).isEqualTo(4);
        assertThat(metrics.registry().get("reproject.live.records").counter().count()).isEqualTo(4.0);
        assertThat(metrics.registry().get("reproject.live.applied").counter().count()).isEqualTo(3.0);
        assertThat(metrics.registry().get("reproject.live.dead.letters").tag("reason", "not-json").counter()
                .count()).isEqualTo(1.0);
        assertThat(metrics.lagByPartition()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 0L, P1, 0L));
    }

    @Test
    void offsets_a_rebalance_kept_from_being_committed_are_committed_when_their_partition_is_revoked()
            throws Exception {
        List<Map<TopicPartition, OffsetAndMetadata>> commits = new CopyOnWriteArrayList<>();
        MockConsumer<byte[], byte[]> refusingOnce = new MockConsumer<>("none") {
            private boolean refused;

            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                if (!refused) {
                    refused = true;
                    throw new RebalanceInProgressException("a rebalance is in progress");
                }
                super.commitSync(offsets);
                commits.add(Map.copyOf(offsets));
            }
        };
        Node node = new Node(0, "127.0.0.1", 9092);
        refusingOnce.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        refusingOnce.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        refusingOnce.updateEndOffsets(Map.of(P0, 4L, P1, 0L));
        refusingOnce.schedulePollTask(() -> refusingOnce.rebalance(List.of(P0, P1)));
        refusingOnce.schedulePollTask(() -> {
            for (int offset = 2; offset < 4; offset++) {
                refusingOnce.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null,
                        created(Integer.toString(10 + offset), 7, offset, offset)));
            }
        });
        List<List<Map<TopicPartition, OffsetAndMetadata>>> commitsAtRevoke = new CopyOnWriteArrayList<>();
        refusingOnce.schedulePollTask(() -> {
            commitsAtRevoke.add(List.copyOf(commits));
            refusingOnce.rebalance(List.of(P1)); // P0 goes to another member
            commitsAtRevoke.add(List.copyOf(commits));
        });
        LiveUpdater updater = updater(refusingOnce, false, table, catalog, LiveOptions.Assignment.GROUP);
        CompletableFuture<LiveOutcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return updater.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (commitsAtRevoke.size() < 2) {
            Thread.sleep(10);
        }
        assertThat(updater.stop(Duration.ofSeconds(10))).isTrue();
        running.join();

        assertThat(commitsAtRevoke.get(0)).as("before the revocation: the commit was refused").isEmpty();
        assertThat(commitsAtRevoke.get(1)).as("in it").containsExactly(Map.of(P0, new OffsetAndMetadata(4)));
        assertThat(byOrderId()).containsOnlyKeys("12", "13");
    }

    @Test
    void a_partition_given_to_it_whose_start_kafka_no_longer_retains_is_refused_by_name() {
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P0, 3L, P1, 0L)); // retention ran since the run started
            consumer.rebalance(List.of(P0, P1));
        });
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2)));
        records(P1, List.of());

        assertThatThrownBy(() -> updater(consumer, true, table, catalog, LiveOptions.Assignment.GROUP).run())
                .isInstanceOf(StartPositions.StartRefusedException.class)
                .hasMessageContaining("partition " + P0 + " must start at offset 2");
        assertThat(table.calls()).isZero();
    }

    private LiveUpdater updater(boolean untilCaughtUp) {
        return updater(untilCaughtUp, table, catalog);
    }

    private LiveUpdater updater(boolean untilCaughtUp, ItemUpdater items, RebuildCatalog rebuilds) {
        return updater(consumer, untilCaughtUp, items, rebuilds, LiveOptions.Assignment.MANUAL);
    }

    private LiveUpdater updater(MockConsumer<byte[], byte[]> kafka, boolean untilCaughtUp, ItemUpdater items,
                                RebuildCatalog rebuilds, LiveOptions.Assignment assignment) {
        return new LiveUpdater(kafka, new RecordClassifier(new EventuateDecoder(), view), items,
                new DeadLetters(producer, Optional.empty()), rebuilds, entry, lease, view.topics(),
                new LiveOptions(untilCaughtUp, 4, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ZERO,
                        assignment, Optional.empty()),
                metrics);
    }

    /** The partition holds {@code values} at offsets 0…; they are handed out once the updater has assigned it. */
    private void records(TopicPartition tp, List<byte[]> values) {
        Map<TopicPartition, Long> end = new TreeMap<>(Partitions.ORDER);
        end.put(tp, (long) values.size());
        consumer.updateEndOffsets(end);
        consumer.schedulePollTask(() -> {
            for (int offset = 0; offset < values.size(); offset++) {
                if (offset >= consumer.position(tp)) {
                    consumer.addRecord(
                            new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, values.get(offset)));
                }
            }
        });
    }

    private Map<String, Item> byOrderId() {
        Map<String, Item> byId = new TreeMap<>();
        table.items().forEach((key, item) -> byId.put(((AttrValue.S) key.get("orderId")).value(), item));
        return byId;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
