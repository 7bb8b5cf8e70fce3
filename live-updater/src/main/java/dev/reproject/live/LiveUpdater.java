package dev.reproject.live;

import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.lease.LeaseKeeper;
import dev.reproject.core.reject.RejectReason;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Step 3 (CONTRACT.md §6): keeps a rebuilt table current from Kafka. By default the run is one member of the
 * rebuild's consumer group (cooperative sticky assignment; {@link Rebalances}): every process started for the
 * rebuild gets a share of the partitions, and a partition it gets starts at the group's committed offset, else at
 * handoff + 1, checked against what Kafka retains. With {@link LiveOptions.Assignment#MANUAL} it takes every
 * partition by hand. Each poll's records are classified while the previous poll's updates are being written;
 * updates are written per key in offset order (a key's consecutive updates combined into one write where the update
 * algebra allows), keys concurrently, and a poll's writes start while the previous poll's still run
 * ({@link BatchApplier}); records that cannot be used go to the dead-letter topic; a poll's offsets are committed
 * only after every write and dead letter of it and of every poll before it succeeded ({@link Commits}), so a
 * partition's committed offset never passes a record not written. A key lives in one partition, and a partition in
 * one member at a time, so each key's updates stay in order across processes; before a rebalance takes partitions
 * away, the polls in flight are finished and committed. {@link #stop(Duration)} (SIGTERM) lets the polls in flight
 * finish and be committed; so does a report the catalog refuses because the rebuild was retired, after which the
 * run returns with the RETIRED entry.
 */
public final class LiveUpdater {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdater.class);

    private final Consumer<byte[], byte[]> consumer;
    private final RecordClassifier classifier;
    private final ItemUpdater updater;
    private final DeadLetters deadLetters;
    private final RebuildCatalog catalog;
    private final RebuildEntry entry;
    private final LeaseKeeper lease;
    private final Set<String> topics;
    private final LiveOptions options;
    private final LiveMetrics metrics;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean consuming;
    private LiveCounts counts = LiveCounts.ZERO;
    /** Polls whose writes were started and not yet committed, oldest first: at most two. */
    private final Deque<PollInFlight> inFlight = new ArrayDeque<>();

    public LiveUpdater(Consumer<byte[], byte[]> consumer, RecordClassifier classifier, ItemUpdater updater,
                       DeadLetters deadLetters, RebuildCatalog catalog, RebuildEntry entry, LeaseKeeper lease,
                       Set<String> topics, LiveOptions options, LiveMetrics metrics) {
        this.consumer = consumer;
        this.classifier = classifier;
        this.updater = updater;
        this.deadLetters = deadLetters;
        this.catalog = catalog;
        this.entry = entry;
        this.lease = lease;
        this.topics = topics;
        this.options = options;
        this.metrics = metrics;
    }

    /** @throws StartPositions.StartRefusedException when a start lies outside what Kafka retains */
    public LiveOutcome run() throws InterruptedException {
        try {
            return consume();
        } finally {
            finished.countDown();
        }
    }

    /** Whether {@link #run()} is consuming: it registered and has not ended. */
    public boolean consuming() {
        return consuming;
    }

    /** Asks a running {@link #run()} to finish its batch, commit and return; waits up to {@code timeout} for it. */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopping = true;
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private LiveOutcome consume() throws InterruptedException {
        long started = System.nanoTime();
        boolean inGroup = options.assignment() == LiveOptions.Assignment.GROUP;
        List<TopicPartition> partitions = partitions();
        // every partition's start is checked before the run registers: a refused start leaves the table as loaded
        Map<TopicPartition, Long> starts = StartPositions.resolve(consumer, partitions, entry.handoff());
        Commits commits = new Commits(consumer, inGroup);
        Rebalances rebalances = new Rebalances(consumer, entry.handoff(), commits, metrics);
        Optional<StopOffsets> stopAt = options.untilCaughtUp()
                ? Optional.of(new StopOffsets(consumer, consumer.endOffsets(partitions), inGroup, entry.handoff()))
                : Optional.empty();
        log.info("live {}: table {}, {}, starting at {}{}", entry.id(), entry.table(),
                inGroup ? "a member of consumer group " + entry.id().consumerGroup() : "every partition by hand",
                starts, stopAt.map(stop -> ", until " + stop).orElse(""));
        ProgressReporter reporter = new ProgressReporter(consumer, partitions, catalog, entry, options.reportInterval(),
                System::nanoTime, metrics);
        reporter.register(counts); // before the first write: from now on the table is never bulk-loaded again
        if (inGroup) {
            consumer.subscribe(topics, rebalances);
        } else {
            consumer.assign(partitions);
            starts.forEach(consumer::seek);
        }
        boolean caughtUp = false;
        consuming = true;
        try (BatchApplier applier = new BatchApplier(updater, options.maxInFlight())) {
            metrics.writes(applier::writes);
            rebalances.beforeGivingUp(() -> finishAll(commits)); // what was written is committed, nothing else
            try {
                while (!stopping && !reporter.retired()) {
                    if (stopAt.isPresent()) {
                        if (!inFlight.isEmpty() && stopAt.get().consumed()) {
                            finishAll(commits);
                        }
                        if (inFlight.isEmpty() && stopAt.get().reached()) {
                            caughtUp = true;
                            break;
                        }
                    }
                    lease.check(); // taken over, or not renewed in time: stop, idle or not
                    ConsumerRecords<byte[], byte[]> records = poll(rebalances);
                    metrics.lag(currentLag()); // as of this fetch: the records just polled count as consumed
                    if (!records.isEmpty()) {
                        lease.check(); // and start no more writes
                        process(records, applier, commits);
                    } else {
                        finishAll(commits);
                        commits.commit(Map.of()); // offsets a rebalance kept from being committed
                    }
                    reporter.maybeReport(counts);
                }
                finishAll(commits); // stopped or retired: the polls in flight are written and committed
            } finally {
                awaitEnd(); // after a failure: no write is left running when the run ends
            }
        } catch (RuntimeException | InterruptedException e) {
            reporter.reportAfterFailure(counts);
            throw e;
        } finally {
            consuming = false;
        }
        if (!reporter.retired()) {
            reporter.report(counts);
        }
        log.info("live {}: {} after {} records", entry.id(),
                caughtUp ? "caught up" : reporter.retired() ? "retired" : "stopped", counts.records());
        return new LiveOutcome(reporter.entry(), counts, reporter.lastPositions(), caughtUp,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private ConsumerRecords<byte[], byte[]> poll(Rebalances rebalances) {
        try {
            return consumer.poll(options.pollTimeout());
        } catch (RuntimeException e) {
            throw rebalances.refused().<RuntimeException>map(refused -> refused).orElse(e);
        }
    }

    /**
     * Classifies a poll's records (while the previous poll's writes run), starts writing its updates after them, then
     * finishes the previous poll: at most two polls are in flight.
     */
    private void process(ConsumerRecords<byte[], byte[]> records, BatchApplier applier, Commits commits)
            throws InterruptedException {
        List<Pending> pending = new ArrayList<>(records.count());
        List<Letter> letters = new ArrayList<>();
        long skipped = 0;
        for (ConsumerRecord<byte[], byte[]> consumed : records) {
            LiveRecord record = LiveRecord.of(consumed);
            Classified classified = classifier.classify(record.topic(), record.partition(), record.offset(),
                    record.value());
            if (classified instanceof Classified.ToApply toApply) {
                pending.add(new Pending(toApply.update(), record));
            } else if (classified instanceof Classified.Skipped) {
                skipped++;
            } else {
                Classified.Rejected rejected = (Classified.Rejected) classified;
                letters.add(new Letter(record, rejected));
            }
        }
        Optional<BatchApplier.Submitted> previous = Optional.ofNullable(inFlight.peekLast()).map(PollInFlight::writes);
        inFlight.addLast(new PollInFlight(records.count(), skipped, letters, nextOffsets(records),
                applier.submit(pending, previous)));
        while (inFlight.size() > 1) {
            finishOldest(commits);
        }
    }

    /** Finishes every poll in flight, oldest first. */
    private void finishAll(Commits commits) throws InterruptedException {
        while (!inFlight.isEmpty()) {
            finishOldest(commits);
        }
    }

    /**
     * Waits for the oldest poll's writes to end, sends its dead letters and commits its offsets: every poll before it
     * was finished, so every record below them is written.
     */
    private void finishOldest(Commits commits) throws InterruptedException {
        PollInFlight poll = inFlight.peekFirst();
        BatchApplier.Result written = poll.writes().await(); // a poll that fails here sends no letter
        inFlight.removeFirst();
        Map<RejectReason, Long> dead = new EnumMap<>(RejectReason.class);
        for (Letter letter : poll.letters()) {
            deadLetters.send(letter.record(), letter.rejected().reason(), letter.rejected().detail());
            dead.merge(letter.rejected().reason(), 1L, Long::sum);
        }
        for (BatchApplier.Refusal refusal : written.refused()) {
            deadLetters.send(refusal.pending().record(), refusal.refused().reason(), refusal.refused().detail());
            dead.merge(refusal.refused().reason(), 1L, Long::sum);
        }
        deadLetters.flush();
        commits.commit(poll.next());
        counts = counts.plus(poll.records(), written.applied(), written.duplicates(), poll.skipped(), dead);
        metrics.batch(poll.records(), written.applied(), written.duplicates(), poll.skipped(), dead);
    }

    /** After a failure: waits for the writes still running to end, committing nothing. */
    private void awaitEnd() throws InterruptedException {
        for (PollInFlight poll : inFlight) {
            poll.writes().awaitEnd();
        }
        inFlight.clear();
    }

    /** A poll whose writes were started: what to send and commit once they ended. */
    private record PollInFlight(int records, long skipped, List<Letter> letters,
                                Map<TopicPartition, OffsetAndMetadata> next, BatchApplier.Submitted writes) {
    }

    /** A record the classifier refused, sent to the dead-letter topic once the poll's writes succeeded. */
    private record Letter(LiveRecord record, Classified.Rejected rejected) {
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> ofPartition = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(ofPartition.get(ofPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** The lag of each partition this process has, as of the last fetch (no request). */
    private Map<TopicPartition, Long> currentLag() {
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong known = consumer.currentLag(tp);
            if (known.isPresent()) {
                lag.put(tp, known.getAsLong());
            }
        }
        return lag;
    }

    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on the Kafka cluster");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        partitions.sort(Partitions.ORDER);
        return partitions;
    }
}
