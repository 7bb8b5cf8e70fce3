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
import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.Update;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
    void a_keys_consecutive_events_in_one_poll_are_one_write_counted_as_each_applied() throws Exception {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), // in the table already
                created("10", 7, 2, 2), transition("10", "OrderAuthorized", 3, 3),
                transition("10", "OrderCancelled", 4, 4), created("11", 7, 5, 5)));
        records(P1, List.of());

        LiveOutcome outcome = updater(true).run();

        List<CombinedUpdate> writes = table.writes();
        assertThat(writes).hasSize(2); // order 10: its three events in one write; order 11: one
        CombinedUpdate order10 = writes.stream().filter(w -> w.events() == 3).findFirst().orElseThrow();
        assertThat(order10.firstEventId()).isEqualTo(id(2, 2));
        assertThat(order10.update().marker().eventId()).isEqualTo(id(4, 4));
        assertThat(outcome.counts().applied()).isEqualTo(4);
        assertThat(outcome.counts().duplicates()).isZero();
        Map<String, Item> items = byOrderId();
        assertThat(items.get("10").get("orderStatus")).contains(new AttrValue.S("CANCELLED"));
        assertThat(items.get("10").get("consumerId")).contains(new AttrValue.S("7"));
        assertThat(items.get("10").get(MARKER + "10")).contains(new AttrValue.S(id(4, 4)));
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(6));
        assertThat(metrics.registry().get("reproject.live.applied").counter().count()).isEqualTo(4.0);
        assertThat(metrics.registry().get("reproject.live.writes").tag("kind", "combined").functionCounter()
                .count()).isEqualTo(1.0);
        assertThat(metrics.registry().get("reproject.live.writes").tag("kind", "single").functionCounter()
                .count()).isEqualTo(1.0);
        assertThat(metrics.registry().get("reproject.live.combined.updates").functionCounter().count())
                .isEqualTo(3.0);
    }

    @Test
    void a_combined_write_whose_first_event_is_in_the_table_already_is_written_one_by_one_counting_the_duplicate()
            throws Exception {
        table.apply(update(created("10", 7, 2, 2), 2)); // as an earlier run that was not committed left it
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2),
                transition("10", "OrderAuthorized", 3, 3), transition("10", "OrderCancelled", 4, 4)));
        records(P1, List.of());

        LiveOutcome outcome = updater(true).run();

        assertThat(outcome.counts().applied()).isEqualTo(2);
        assertThat(outcome.counts().duplicates()).isEqualTo(1);
        // the write before the run, the combined write (its condition failed: nothing written), then one by one
        assertThat(table.writes()).extracting(CombinedUpdate::events).containsExactly(1, 3, 1, 1, 1);
        assertThat(byOrderId().get("10").get("orderStatus")).contains(new AttrValue.S("CANCELLED"));
        assertThat(byOrderId().get("10").get(MARKER + "10")).contains(new AttrValue.S(id(4, 4)));
        assertThat(metrics.registry().get("reproject.live.duplicates").counter().count()).isEqualTo(1.0);
        assertThat(metrics.registry().get("reproject.live.combined.fallbacks").functionCounter().count())
                .isEqualTo(1.0);
        assertThat(metrics.registry().get("reproject.live.combined.updates").functionCounter().count()).isZero();
    }

    @Test
    void a_combined_write_the_store_refuses_is_written_one_by_one_and_only_the_refused_event_is_a_dead_letter()
            throws Exception {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2),
                transition("10", "OrderAuthorized", 3, 3)));
        records(P1, List.of());
        ItemUpdater refusingTheCreation = write -> write.update().actions().size() > 1 // the creation, alone or not
                ? new WriteResult.Refused(RejectReason.ITEM_TOO_LARGE, "too large") : table.apply(write);

        LiveOutcome outcome = updater(true, refusingTheCreation, catalog).run();

        assertThat(outcome.counts().applied()).isEqualTo(1);
        assertThat(outcome.counts().duplicates()).isZero();
        assertThat(outcome.counts().deadLettered()).containsExactlyEntriesOf(Map.of(RejectReason.ITEM_TOO_LARGE, 1L));
        assertThat(producer.history()).hasSize(1);
        assertThat(header(producer.history().get(0), DeadLetters.SOURCE_OFFSET)).isEqualTo("2");
        assertThat(byOrderId().get("10").get("orderStatus")).contains(new AttrValue.S("APPROVED"));
    }

    @Test
    void a_combined_write_corrected_to_one_by_one_counts_each_event_as_its_own_result_and_writes_once()
            throws Exception {
        records(P0, List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2),
                transition("10", "OrderAuthorized", 3, 3))); // the handoff is at offset 2
        records(P1, List.of());
        List<CombinedUpdate> writes = new ArrayList<>();
        ItemUpdater creationTooLargeAlone = write -> { // as a store that found the creation too large one by one
            writes.add(write);
            return write.events() > 1 ? new WriteResult.Corrected(List.of(new WriteResult.Refused(
                    RejectReason.ITEM_TOO_LARGE, "too large alone"), WriteResult.APPLIED)) : table.apply(write);
        };

        LiveOutcome outcome = updater(true, creationTooLargeAlone, catalog).run();

        assertThat(writes).singleElement().satisfies(write -> assertThat(write.events()).isEqualTo(2));
        assertThat(outcome.counts().applied()).isEqualTo(1);
        assertThat(outcome.counts().duplicates()).isZero();
        assertThat(outcome.counts().deadLettered()).containsExactlyEntriesOf(Map.of(RejectReason.ITEM_TOO_LARGE, 1L));
        assertThat(producer.history()).hasSize(1);
        assertThat(header(producer.history().get(0), DeadLetters.SOURCE_OFFSET)).isEqualTo("2");
    }

    @Test
    void the_next_polls_writes_start_while_the_previous_poll_is_still_being_written() throws Exception {
        CountDownLatch nextPollWriting = new CountDownLatch(1);
        ItemUpdater waitingForTheNextPoll = write -> {
            String order = orderId(write);
            if (order.equals("10") && !nextPollWriting.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no write of the next poll started while this one ran");
            }
            if (order.equals("20")) {
                nextPollWriting.countDown();
            }
            return table.apply(write);
        };
        polls(P0, List.of(List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2),
                created("11", 7, 3, 3)), List.of(created("20", 7, 4, 4))));

        LiveOutcome outcome = updater(true, waitingForTheNextPoll, catalog).run();

        assertThat(outcome.counts().applied()).isEqualTo(3);
        assertThat(byOrderId()).containsOnlyKeys("10", "11", "20");
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(5));
    }

    @Test
    void a_keys_write_in_the_next_poll_waits_for_its_write_in_the_previous_one() throws Exception {
        ItemUpdater slowCreation = write -> {
            if (write.update().actions().size() > 1) { // the creation
                Thread.sleep(300);
            }
            return table.apply(write);
        };
        polls(P0, List.of(List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2)),
                List.of(transition("10", "OrderAuthorized", 3, 3))));

        LiveOutcome outcome = updater(true, slowCreation, catalog).run();

        assertThat(outcome.counts().applied()).isEqualTo(2);
        assertThat(outcome.counts().duplicates()).isZero();
        assertThat(byOrderId().get("10").get("orderStatus")).contains(new AttrValue.S("APPROVED"));
        assertThat(byOrderId().get("10").get("consumerId")).contains(new AttrValue.S("7"));
    }

    @Test
    void a_write_that_fails_in_the_next_poll_leaves_the_previous_poll_committed_and_nothing_after_it() {
        ItemUpdater failingOrder11 = write -> {
            if (orderId(write).equals("10")) {
                Thread.sleep(200); // poll 1 still being written when poll 2's write fails
            }
            if (orderId(write).equals("11")) {
                throw new IllegalStateException("the store refused order 11");
            }
            return table.apply(write);
        };
        polls(P0, List.of(List.of(created("1", 7, 0, 0), created("2", 7, 1, 1), created("10", 7, 2, 2)),
                List.of(created("11", 7, 3, 3), created("12", 7, 4, 4))));

        assertThatThrownBy(() -> updater(true, failingOrder11, catalog).run())
                .hasMessageContaining("the store refused order 11");

        assertThat(byOrderId()).containsKey("10").doesNotContainKey("11");
        assertThat(consumer.committed(Set.of(P0))).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(3)));
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
        List<List<Map<TopicPartition, OffsetAndMetadata>>> commitsAtRevoke = new CopyOnWriteArrayList<>();
        revokeP0AfterItsPoll(refusingOnce, commits, table, commitsAtRevoke);

        assertThat(commitsAtRevoke.get(0)).as("before the revocation: the commit was refused").isEmpty();
        assertThat(commitsAtRevoke.get(1)).as("in it").containsExactly(Map.of(P0, new OffsetAndMetadata(4)));
        assertThat(byOrderId()).containsOnlyKeys("12", "13");
    }

    @Test
    void a_partition_revoked_while_its_poll_is_being_written_is_committed_up_to_that_poll_before_it_goes()
            throws Exception {
        ItemUpdater slow = write -> {
            Thread.sleep(300); // still being written when the next poll revokes the partition
            return table.apply(write);
        };
        List<Map<TopicPartition, OffsetAndMetadata>> commits = new CopyOnWriteArrayList<>();
        MockConsumer<byte[], byte[]> recording = new MockConsumer<>("none") {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                super.commitSync(offsets);
                commits.add(Map.copyOf(offsets));
            }
        };
        List<List<Map<TopicPartition, OffsetAndMetadata>>> commitsAtRevoke = new CopyOnWriteArrayList<>();
        LiveOutcome outcome = revokeP0AfterItsPoll(recording, commits, slow, commitsAtRevoke);

        assertThat(commitsAtRevoke.get(0)).as("before the revocation: its poll still being written").isEmpty();
        assertThat(commitsAtRevoke.get(1)).as("once revoked").containsExactly(Map.of(P0, new OffsetAndMetadata(4)));
        assertThat(byOrderId()).containsOnlyKeys("12", "13");
        assertThat(outcome.counts().applied()).isEqualTo(2);
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

    /**
     * A group member given P0 and P1, polling two records of P0 (offsets 2, 3), whose next poll revokes P0: {@code
     * commitsAtRevoke} gets the commits made before the revocation and those made in it; then the run is stopped.
     */
    private LiveOutcome revokeP0AfterItsPoll(MockConsumer<byte[], byte[]> kafka,
                                             List<Map<TopicPartition, OffsetAndMetadata>> commits, ItemUpdater items,
                                             List<List<Map<TopicPartition, OffsetAndMetadata>>> commitsAtRevoke)
            throws Exception {
        Node node = new Node(0, "127.0.0.1", 9092);
        kafka.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        kafka.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        kafka.updateEndOffsets(Map.of(P0, 4L, P1, 0L));
        kafka.schedulePollTask(() -> kafka.rebalance(List.of(P0, P1)));
        kafka.schedulePollTask(() -> {
            for (int offset = 2; offset < 4; offset++) {
                kafka.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null,
                        created(Integer.toString(10 + offset), 7, offset, offset)));
            }
        });
        kafka.schedulePollTask(() -> {
            commitsAtRevoke.add(List.copyOf(commits));
            kafka.rebalance(List.of(P1)); // P0 goes to another member
            commitsAtRevoke.add(List.copyOf(commits));
        });
        LiveUpdater updater = updater(kafka, false, items, catalog, LiveOptions.Assignment.GROUP);
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
        return running.join();
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

    /** The partition holds the records of each list at offsets 0…, one list handed out per poll. */
    private void polls(TopicPartition tp, List<List<byte[]>> polls) {
        Map<TopicPartition, Long> end = new TreeMap<>(Partitions.ORDER);
        end.put(tp, (long) polls.stream().mapToInt(List::size).sum());
        consumer.updateEndOffsets(end);
        consumer.updateEndOffsets(Map.of(P1, 0L));
        int first = 0;
        for (List<byte[]> values : polls) {
            int from = first;
            consumer.schedulePollTask(() -> {
                for (int i = 0; i < values.size(); i++) {
                    if (from + i >= consumer.position(tp)) {
                        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), from + i, null,
                                values.get(i)));
                    }
                }
            });
            first += values.size();
        }
    }

    /** The update the view makes of a record of partition 0. */
    private Update update(byte[] value, long offset) {
        return ((Classified.ToApply) new RecordClassifier(new EventuateDecoder(), view).classify(TOPIC, 0, offset,
                value)).update();
    }

    private static String orderId(CombinedUpdate write) {
        return ((AttrValue.S) write.update().key().get("orderId")).value();
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
