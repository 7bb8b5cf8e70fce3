package dev.reproject.live;

import dev.reproject.core.catalog.CatalogRules;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.lease.LeaseKeeper;
import dev.reproject.core.lease.LeaseNames;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.retry.Sleeper;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.kafka.KafkaClients;
import dev.reproject.kafka.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.Optional;

/**
 * The one place a live run is wired, for {@code reproject live}, the demo and the live benchmark alike: the
 * rebuild's view, its dead-letter topics (created when missing), the consumer committing to the rebuild's group,
 * the dead-letter producer (sized to what those topics accept), the conditional writes into the rebuild's table
 * (checked first to have the view's keys; retried for {@link LiveOptions#storeRetryTimeout()} while DynamoDB is
 * unavailable), the table's lease, the catalog the progress goes to and the run's meters.
 * The clients given are the caller's: a run closes only what it opens.
 *
 * <p>The table's lease keeps rebuilds out while live runs. The processes of one rebuild's consumer group share it
 * ({@link Leasing#join}, owner {@code live <rebuild id>}): starting another adds an instance. A run with partitions
 * assigned by hand takes it alone.
 *
 * @param kafka   the Kafka clients' configuration
 * @param dynamo  where the rebuild's table is
 * @param catalog where the run's progress goes
 * @param leasing where the table's lease is taken: a run holds it from {@link #open} to {@link LiveRun#close()}
 * @param metrics where the run's meters go
 */
public record LiveRuns(KafkaClients kafka, DynamoDbClient dynamo, RebuildCatalog catalog, Leasing leasing,
                       LiveMetrics metrics) {

    /** With meters nobody scrapes. */
    public LiveRuns(KafkaClients kafka, DynamoDbClient dynamo, RebuildCatalog catalog, Leasing leasing) {
        this(kafka, dynamo, catalog, leasing, LiveMetrics.unpublished());
    }

    /** @see #open(RebuildEntry, Optional, LiveOptions, LiveDecorators) */
    public LiveRun open(RebuildEntry entry, Optional<String> deadLetterTopic, LiveOptions options) {
        return open(entry, deadLetterTopic, options, LiveDecorators.NONE);
    }

    /**
     * A run that continues {@code entry} (LOADED or LIVE), ready to {@link LiveRun#run()}: it holds the table's
     * lease until it is closed.
     *
     * @throws dev.reproject.core.error.BusyException when another run (a rebuild, a live run of another rebuild or
     *                                                 with partitions assigned by hand) holds the lease
     *
     * @param deadLetterTopic one topic for every source topic's letters; empty: {@code <topic>.reproject-dlq}
     */
    public LiveRun open(RebuildEntry entry, Optional<String> deadLetterTopic, LiveOptions options,
                        LiveDecorators decorators) {
        ViewDefinition view = Views.byName(entry.view());
        String purpose = "live " + entry.id();
        LeaseKeeper lease = options.assignment() == LiveOptions.Assignment.GROUP
                ? leasing.join(LeaseNames.table(entry.table()), purpose, purpose)
                : leasing.take(LeaseNames.table(entry.table()), purpose);
        try {
            RebuildEntry current = requireCurrent(entry);
            ViewTable table = new ViewTable(dynamo, current.table(), current.id(), view.name(), view.table());
            table.require();
            return open(current, view, table, lease, deadLetterTopic, options, decorators);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private LiveRun open(RebuildEntry entry, ViewDefinition view, ViewTable table, LeaseKeeper lease,
                         Optional<String> deadLetterTopic, LiveOptions options, LiveDecorators decorators) {
        String group = entry.id().consumerGroup();
        List<String> letterTopics = DeadLetters.topicsFor(view.topics(), deadLetterTopic);
        LetterLimits limits;
        try (Admin admin = kafka.admin()) {
            KafkaTopics topics = new KafkaTopics(admin);
            topics.createMissing(letterTopics);
            limits = new LetterLimits(topics.maxMessageBytes(letterTopics));
        }
        Consumer<byte[], byte[]> consumer = kafka.liveConsumer(group, options.instanceId());
        Producer<byte[], byte[]> producer;
        try {
            producer = kafka.deadLetterProducer(group, limits.largest());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        DynamoItemUpdater items = new DynamoItemUpdater(dynamo, table, Backoff.DEFAULT, Sleeper.SYSTEM);
        StoreRetries writes = new StoreRetries(items, options.storeRetryTimeout(), Sleeper.SYSTEM, System::nanoTime);
        metrics.retries("throttling", items::throttled);
        metrics.retries("server-error", items::serverErrors);
        metrics.retries("unavailable", writes::retries);
        LiveUpdater updater = new LiveUpdater(decorators.consumer().apply(consumer),
                new RecordClassifier(new EventuateDecoder(), view), decorators.items().apply(metrics.timed(writes)),
                new DeadLetters(producer, deadLetterTopic, limits), catalog, entry, lease, view.topics(), options,
                metrics);
        return new LiveRun(updater, items, writes, consumer, producer, lease);
    }

    /**
     * Under the lease, the entry as the catalog has it now: LOADED or LIVE, and still the table's latest load.
     *
     * @throws IllegalStateException when it is LOADING or gone, or a later rebuild loaded the table since
     */
    private RebuildEntry requireCurrent(RebuildEntry entry) {
        RebuildEntry current = catalog.get(entry.id()).orElseThrow(() -> CatalogRules.missing(entry.id()));
        CatalogRules.requireLoaded(entry.id(), Optional.of(current));
        CatalogRules.requireNotSuperseded(current, catalog.entriesForTable(current.table()));
        return current;
    }
}
