package dev.reproject.live;

import org.apache.kafka.clients.consumer.Consumer;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Wrappers {@link LiveRuns} puts around a run's consumer and item updater before the updater gets them: a way to
 * measure a run built exactly as the command builds it (the live benchmark times the consumer's calls and counts
 * the writes in flight). {@link #NONE} everywhere else.
 */
public record LiveDecorators(UnaryOperator<Consumer<byte[], byte[]>> consumer, UnaryOperator<ItemUpdater> items) {

    public static final LiveDecorators NONE = new LiveDecorators(UnaryOperator.identity(), UnaryOperator.identity());

    public LiveDecorators {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(items, "items");
    }
}
