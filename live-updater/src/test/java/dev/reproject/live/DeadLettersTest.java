package dev.reproject.live;

import dev.reproject.core.reject.RejectReason;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dead letter the producer or the topic refuses as too large (a value over 8 MiB always is, with Kafka's defaults
 * anything over 1 MiB) is sent again without its value, instead of failing the batch at every restart; any other
 * failure still fails it, naming the source record.
 */
class DeadLettersTest {

    private static final String TOPIC = "orders";

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final DeadLetters letters = new DeadLetters(producer, Optional.empty());

    @Test
    void a_letter_refused_as_too_large_is_sent_again_without_its_value() throws Exception {
        byte[] value = new byte[9 << 20];
        letters.send(new LiveRecord(TOPIC, 2, 41, "k".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders()),
                RejectReason.RECORD_TOO_LARGE, "too long");
        producer.errorNext(new RecordTooLargeException("The message is 9437184 bytes when serialized"));

        letters.flush();

        assertThat(producer.history()).hasSize(2);
        ProducerRecord<byte[], byte[]> letter = producer.history().get(1);
        assertThat(letter.topic()).isEqualTo(TOPIC + DeadLetters.SUFFIX);
        assertThat(letter.value()).isNull();
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(header(letter, DeadLetters.VALUE_DROPPED)).isEqualTo(Integer.toString(value.length));
        assertThat(header(letter, DeadLetters.REASON)).isEqualTo("record-too-large");
        assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo("41");
    }

    @Test
    void any_other_failure_fails_the_flush_naming_the_source_record() {
        letters.send(new LiveRecord(TOPIC, 2, 41, null, new byte[]{1}, new RecordHeaders()), RejectReason.NOT_JSON,
                "not JSON");
        producer.errorNext(new KafkaException("broker gone"));

        assertThatThrownBy(letters::flush).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TOPIC + "-2@41").hasMessageContaining("broker gone");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
