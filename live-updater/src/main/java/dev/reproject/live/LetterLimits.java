package dev.reproject.live;

import dev.reproject.kafka.KafkaTopics;

import java.util.Map;

/**
 * The most bytes a dead letter may take in each dead-letter topic: the topic's {@code max.message.bytes}
 * ({@link KafkaTopics#maxMessageBytes}), at most 16 MiB, well within the producer's 32 MiB buffer (a value over 8 MiB
 * is a {@code record-too-large} letter anyway); Kafka's default for a topic not named.
 */
record LetterLimits(Map<String, Integer> byTopic) {

    static final int MAX_LETTER_BYTES = 16 * 1024 * 1024;
    static final LetterLimits DEFAULT = new LetterLimits(Map.of());

    LetterLimits {
        byTopic = Map.copyOf(byTopic);
    }

    int of(String topic) {
        return Math.min(byTopic.getOrDefault(topic, KafkaTopics.DEFAULT_MAX_MESSAGE_BYTES), MAX_LETTER_BYTES);
    }

    /** What the producer must let through: the largest topic's limit. */
    int largest() {
        return byTopic.keySet().stream().mapToInt(this::of).max().orElse(of(""));
    }
}
