package dev.reproject.live;

import dev.reproject.core.reject.RejectReason;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The dead-letter topic (CONTRACT.md §6): a record the updater cannot use is sent there as it was (key, value, its own
 * headers) plus headers naming the reason and its source topic, partition and offset, and the updater moves on. A
 * letter larger than its topic takes ({@code max.message.bytes}) has its value cut to fit, saying so in
 * {@link #TRUNCATED}.
 * {@link #flush()} waits until every letter sent is acknowledged: offsets are committed only after that.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    public static final String SUFFIX = ".reproject-dlq";
    public static final String REASON = "reproject.reason";
    public static final String DETAIL = "reproject.detail";
    public static final String SOURCE_TOPIC = "reproject.source.topic";
    public static final String SOURCE_PARTITION = "reproject.source.partition";
    public static final String SOURCE_OFFSET = "reproject.source.offset";
    /** On a letter whose value was cut to fit its topic: the value's original size in bytes. */
    public static final String TRUNCATED = "reproject.truncated";

    /** Header values are capped, as rejected raw lines are. */
    private static final int MAX_DETAIL_CHARS = 4096;

    private final Producer<byte[], byte[]> producer;
    private final Optional<String> topicOverride;
    private final LetterLimits limits;
    private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

    /** Letters for topics of Kafka's default {@code max.message.bytes}. */
    public DeadLetters(Producer<byte[], byte[]> producer, Optional<String> topicOverride) {
        this(producer, topicOverride, LetterLimits.DEFAULT);
    }

    /**
     * @param topicOverride one topic for every source topic; empty: {@code <source topic>.reproject-dlq}
     * @param limits        how large a letter each topic takes; the producer must send letters that large
     */
    DeadLetters(Producer<byte[], byte[]> producer, Optional<String> topicOverride, LetterLimits limits) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topicOverride = Objects.requireNonNull(topicOverride, "topicOverride");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public String topicFor(String sourceTopic) {
        return topicFor(sourceTopic, topicOverride);
    }

    /** The dead-letter topics of {@code sourceTopics}, each once: the ones to create before a run. */
    public static List<String> topicsFor(Collection<String> sourceTopics, Optional<String> topicOverride) {
        return sourceTopics.stream().map(t -> topicFor(t, topicOverride)).distinct().toList();
    }

    private static String topicFor(String sourceTopic, Optional<String> topicOverride) {
        return topicOverride.orElse(sourceTopic + SUFFIX);
    }

    public void send(LiveRecord record, RejectReason reason, String detail) {
        String topic = topicFor(record.topic());
        RecordHeaders headers = headers(record, reason, detail);
        byte[] value = fitted(topic, record, headers);
        unacknowledged.add(producer.send(new ProducerRecord<>(topic, null, record.key(), value, headers)));
    }

    /**
     * The record's value, or as much of it as fits the topic's limit with a {@link #TRUNCATED} header added: a letter
     * the topic would refuse would stop the updater at that record on every start.
     */
    private byte[] fitted(String topic, LiveRecord record, RecordHeaders headers) {
        byte[] value = record.value();
        int limit = limits.of(topic);
        if (value == null || LetterFit.size(record.key(), ByteBuffer.wrap(value), headers.toArray()) <= limit) {
            return value;
        }
        headers.add(TRUNCATED, utf8(Integer.toString(value.length)));
        int length = LetterFit.fittingLength(record.key(), value, headers.toArray(), limit).orElseThrow(
                () -> new IllegalStateException("the dead letter of " + record + " does not fit " + topic
                        + " even without its value: its key and headers take more than the topic's " + limit
                        + " bytes (max.message.bytes)"));
        log.warn("dead letter of {} cut to {} of its {} bytes to fit {} ({} bytes at most)", record, length,
                value.length, topic, limit);
        return Arrays.copyOf(value, length);
    }

    private static RecordHeaders headers(LiveRecord record, RejectReason reason, String detail) {
        RecordHeaders headers = new RecordHeaders();
        if (record.headers() != null) {
            for (Header header : record.headers()) {
                headers.add(header);
            }
        }
        headers.add(REASON, utf8(reason.code()));
        headers.add(DETAIL, utf8(detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        return headers;
    }

    /** @throws IllegalStateException when a letter could not be written: the batch must not be committed */
    public void flush() throws InterruptedException {
        if (unacknowledged.isEmpty()) {
            return;
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> sent : unacknowledged) {
                sent.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to the dead-letter topic: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            unacknowledged.clear();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
