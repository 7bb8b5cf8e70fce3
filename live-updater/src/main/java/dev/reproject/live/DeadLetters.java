package dev.reproject.live;

import dev.reproject.core.reject.RejectReason;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The dead-letter topic (CONTRACT.md §6): a record the updater cannot use is sent there as it was (key, value, its own
 * headers) plus headers naming the reason and its source topic, partition and offset, and the updater moves on.
 * {@link #flush()} waits until every letter sent is acknowledged: offsets are committed only after that.
 */
public final class DeadLetters {

    public static final String SUFFIX = ".reproject-dlq";
    public static final String REASON = "reproject.reason";
    public static final String DETAIL = "reproject.detail";
    public static final String SOURCE_TOPIC = "reproject.source.topic";
    public static final String SOURCE_PARTITION = "reproject.source.partition";
    public static final String SOURCE_OFFSET = "reproject.source.offset";
    /**
     * On a letter sent without its value because the producer or the dead-letter topic refused it as too large: the
     * value's size in bytes. The source headers say where the record is.
     */
    public static final String VALUE_DROPPED = "reproject.value.dropped";

    /** Header values are capped, as rejected raw lines are. */
    private static final int MAX_DETAIL_CHARS = 4096;

    private final Producer<byte[], byte[]> producer;
    private final Optional<String> topicOverride;
    private final List<Sent> unacknowledged = new ArrayList<>();

    /** A letter sent and not yet acknowledged, with the record it is about. */
    private record Sent(LiveRecord source, ProducerRecord<byte[], byte[]> letter, Future<RecordMetadata> ack) {
    }

    /** @param topicOverride one topic for every source topic; empty: {@code <source topic>.reproject-dlq} */
    public DeadLetters(Producer<byte[], byte[]> producer, Optional<String> topicOverride) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topicOverride = Objects.requireNonNull(topicOverride, "topicOverride");
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
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topicFor(record.topic()), null, record.key(),
                record.value(), headers);
        unacknowledged.add(new Sent(record, letter, producer.send(letter)));
    }

    /**
     * Waits until every letter sent is acknowledged. A letter refused as too large (by the producer's
     * {@code max.request.size} or the topic's {@code max.message.bytes}: a value over 8 MiB always is, with Kafka's
     * defaults anything over 1 MiB) is sent again without its value, with {@link #VALUE_DROPPED}: a record too large
     * to be a dead letter must not stop the updater at every restart.
     *
     * @throws IllegalStateException when a letter could not be written, naming its source record: the batch must not
     *                               be committed
     */
    public void flush() throws InterruptedException {
        if (unacknowledged.isEmpty()) {
            return;
        }
        producer.flush();
        try {
            List<Sent> resent = new ArrayList<>();
            for (Sent sent : unacknowledged) {
                Optional<Throwable> failure = failure(sent);
                if (failure.isPresent() && failure.get() instanceof RecordTooLargeException
                        && sent.letter().value() != null) {
                    resent.add(withoutValue(sent));
                } else if (failure.isPresent()) {
                    throw failed(sent, failure.get());
                }
            }
            if (!resent.isEmpty()) {
                producer.flush();
                for (Sent sent : resent) {
                    Optional<Throwable> failure = failure(sent);
                    if (failure.isPresent()) {
                        throw failed(sent, failure.get());
                    }
                }
            }
        } finally {
            unacknowledged.clear();
        }
    }

    private static Optional<Throwable> failure(Sent sent) throws InterruptedException {
        try {
            sent.ack().get();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        }
    }

    private Sent withoutValue(Sent sent) {
        RecordHeaders headers = new RecordHeaders(sent.letter().headers().toArray());
        headers.add(VALUE_DROPPED, utf8(Integer.toString(sent.letter().value().length)));
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(sent.letter().topic(), null,
                sent.letter().key(), null, headers);
        return new Sent(sent.source(), letter, producer.send(letter));
    }

    private static IllegalStateException failed(Sent sent, Throwable cause) {
        LiveRecord source = sent.source();
        return new IllegalStateException("could not write the dead letter of " + source.topic() + "-"
                + source.partition() + "@" + source.offset() + " to " + sent.letter().topic() + ": "
                + cause.getMessage(), cause);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
