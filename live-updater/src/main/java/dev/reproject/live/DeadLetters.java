package dev.reproject.live;

import dev.reproject.core.reject.RejectReason;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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

    /** Header values are capped, as rejected raw lines are. */
    private static final int MAX_DETAIL_CHARS = 4096;

    private final Producer<byte[], byte[]> producer;
    private final Optional<String> topicOverride;
    private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

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
        unacknowledged.add(producer.send(new ProducerRecord<>(topicFor(record.topic()), null, record.key(),
                record.value(), headers)));
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
