package dev.reproject.live;

import dev.reproject.aws.dynamodb.TableSchemas;
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
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.List;
import java.util.Optional;

/**
 * The one place a live run is wired, for {@code reproject live}, the demo and the live benchmark alike: the
 * rebuild's view, its dead-letter topics (created when missing), the consumer committing to the rebuild's group,
 * the dead-letter producer, the conditional writes into the rebuild's table (checked first to have the view's keys)
 * and the catalog the progress goes to.
 * The clients given are the caller's: a run closes only what it opens.
 *
 * @param kafka   the Kafka clients' configuration
 * @param dynamo  where the rebuild's table is
 * @param catalog where the run's progress goes
 * @param leasing where the table's lease is taken: a run holds it from {@link #open} to {@link LiveRun#close()}
 */
public record LiveRuns(KafkaClients kafka, DynamoDbClient dynamo, RebuildCatalog catalog, Leasing leasing) {

    /** @see #open(RebuildEntry, Optional, LiveOptions, LiveDecorators) */
    public LiveRun open(RebuildEntry entry, Optional<String> deadLetterTopic, LiveOptions options) {
        return open(entry, deadLetterTopic, options, LiveDecorators.NONE);
    }

    /**
     * A run that continues {@code entry} (LOADED or LIVE), ready to {@link LiveRun#run()}: it holds the table's
     * lease until it is closed.
     *
     * @throws dev.reproject.core.error.BusyException when another run (a rebuild, another live) holds the lease
     *
     * @param deadLetterTopic one topic for every source topic's letters; empty: {@code <topic>.reproject-dlq}
     */
    public LiveRun open(RebuildEntry entry, Optional<String> deadLetterTopic, LiveOptions options,
                        LiveDecorators decorators) {
        ViewDefinition view = Views.byName(entry.view());
        LeaseKeeper lease = leasing.take(LeaseNames.table(entry.table()), "live " + entry.id());
        try {
            RebuildEntry current = requireCurrent(entry);
            requireViewTable(current, view);
            return open(current, view, lease, deadLetterTopic, options, decorators);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private LiveRun open(RebuildEntry entry, ViewDefinition view, LeaseKeeper lease, Optional<String> deadLetterTopic,
                         LiveOptions options, LiveDecorators decorators) {
        String group = entry.id().consumerGroup();
        try (Admin admin = kafka.admin()) {
            new KafkaTopics(admin).createMissing(DeadLetters.topicsFor(view.topics(), deadLetterTopic));
        }
        Consumer<byte[], byte[]> consumer = kafka.liveConsumer(group);
        Producer<byte[], byte[]> producer;
        try {
            producer = kafka.deadLetterProducer(group);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        DynamoItemUpdater items = new DynamoItemUpdater(dynamo, entry.table(), Backoff.DEFAULT, Sleeper.SYSTEM);
        LiveUpdater updater = new LiveUpdater(decorators.consumer().apply(consumer),
                new RecordClassifier(new EventuateDecoder(), view), decorators.items().apply(items),
                new DeadLetters(producer, deadLetterTopic), catalog, entry, lease, view.topics(), options);
        return new LiveRun(updater, items, consumer, producer, lease);
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

    /**
     * The rebuild's table must exist with the view's keys and indexes before anything is consumed: a table deleted
     * or recreated with another key schema would refuse every update, and each refusal would be blamed on its record.
     *
     * @throws IllegalStateException naming the table and what differs
     */
    private void requireViewTable(RebuildEntry entry, ViewDefinition view) {
        TableDescription table;
        try {
            table = dynamo.describeTable(b -> b.tableName(entry.table())).table();
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("the table " + entry.table() + " of rebuild " + entry.id()
                    + " does not exist: rebuild the view into a table, then start live for that rebuild");
        }
        List<String> differences = TableSchemas.differences(table, view.table());
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the table " + entry.table() + " does not fit view " + view.name() + ": "
                    + String.join("; ", differences) + ". Was it recreated since rebuild " + entry.id()
                    + "? Rebuild the view into a new table.");
        }
    }
}
