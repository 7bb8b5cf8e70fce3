package dev.reproject.live;

import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.decode.EventuateDecoder;
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
 * the dead-letter producer (sized to what those topics accept), the conditional writes into the rebuild's table (checked first to have the view's keys; retried for {@link LiveOptions#storeRetryTimeout()} while DynamoDB is unavailable)
 * and the catalog the progress goes to.
 * The clients given are the caller's: a run closes only what it opens.
 *
 * @param kafka   the Kafka clients' configuration
 * @param dynamo  where the rebuild's table is
 * @param catalog where the run's progress goes
 */
public record LiveRuns(KafkaClients kafka, DynamoDbClient dynamo, RebuildCatalog catalog) {

    /** @see #open(RebuildEntry, Optional, LiveOptions, LiveDecorators) */
    public LiveRun open(RebuildEntry entry, Optional<String> deadLetterTopic, LiveOptions options) {
        return open(entry, deadLetterTopic, options, LiveDecorators.NONE);
    }

    /**
     * A run that continues {@code entry} (LOADED or LIVE), ready to {@link LiveRun#run()}.
     *
     * @param deadLetterTopic one topic for every source topic's letters; empty: {@code <topic>.reproject-dlq}
     */
    public LiveRun open(RebuildEntry entry, Optional<String> deadLetterTopic, LiveOptions options,
                        LiveDecorators decorators) {
        ViewDefinition view = Views.byName(entry.view());
        ViewTable table = new ViewTable(dynamo, entry.table(), entry.id(), view.name(), view.table());
        table.require();
        String group = entry.id().consumerGroup();
        List<String> letterTopics = DeadLetters.topicsFor(view.topics(), deadLetterTopic);
        LetterLimits limits;
        try (Admin admin = kafka.admin()) {
            KafkaTopics topics = new KafkaTopics(admin);
            topics.createMissing(letterTopics);
            limits = new LetterLimits(topics.maxMessageBytes(letterTopics));
        }
        Consumer<byte[], byte[]> consumer = kafka.liveConsumer(group);
        Producer<byte[], byte[]> producer;
        try {
            producer = kafka.deadLetterProducer(group, limits.largest());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        DynamoItemUpdater items = new DynamoItemUpdater(dynamo, table, Backoff.DEFAULT, Sleeper.SYSTEM);
        StoreRetries writes = new StoreRetries(items, options.storeRetryTimeout(), Sleeper.SYSTEM, System::nanoTime);
        LiveUpdater updater = new LiveUpdater(decorators.consumer().apply(consumer),
                new RecordClassifier(new EventuateDecoder(), view), decorators.items().apply(writes),
                new DeadLetters(producer, deadLetterTopic, limits), catalog, entry, view.topics(), options);
        return new LiveRun(updater, items, writes, consumer, producer);
    }
}
