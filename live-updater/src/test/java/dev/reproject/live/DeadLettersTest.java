package dev.reproject.live;

import dev.reproject.core.reject.RejectReason;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Letters cut to their topic's limit. The sizes are Kafka's record format v2 counted by hand: a batch of one record
 * takes 61 bytes of batch header, at most 21 of record overhead, then each length as a varint (1 byte below 128,
 * 2 below 16,384) before its bytes: the null key 1; the value 2 + n; the header count 1; each header
 * 1 + name + 1 + value, which for this letter is reason 1+16+1+8, detail 1+16+1+3, source topic 1+22+1+6, partition
 * 1+26+1+1, offset 1+23+1+1 — 132 bytes — and, when cut, truncated 1+19+1+4 for "1000", 25 more. A cut letter of a
 * 1,000-byte value is 61 + 21 + 1 + (2 + n) + 1 + 132 + 25 = 243 + n bytes: at most 500 leaves n = 257.
 */
class DeadLettersTest {

    private static final String TOPIC = "orders";
    private static final String LETTERS = TOPIC + DeadLetters.SUFFIX;

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final DeadLetters letters = new DeadLetters(producer, Optional.empty(),
            new LetterLimits(Map.of(LETTERS, 500)));

    @Test
    void a_letter_over_its_topics_limit_keeps_the_longest_prefix_that_fits_and_says_how_long_it_was() {
        byte[] value = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);

        letters.send(record(value), RejectReason.NOT_JSON, "bad");

        ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(value, 257));
        assertThat(header(letter, DeadLetters.TRUNCATED)).isEqualTo("1000");
        assertThat(header(letter, DeadLetters.REASON)).isEqualTo("not-json");
    }

    @Test
    void a_letter_within_the_limit_is_sent_whole_without_the_header() {
        byte[] value = "x".repeat(200).getBytes(StandardCharsets.US_ASCII); // 61 + 21 + 1 + 202 + 1 + 132 = 418

        letters.send(record(value), RejectReason.NOT_JSON, "bad");

        ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(letter.headers().lastHeader(DeadLetters.TRUNCATED)).isNull();
    }

    @Test
    void a_text_value_is_cut_before_a_character_not_inside_it() {
        byte[] value = "é".repeat(500).getBytes(StandardCharsets.UTF_8); // 1,000 bytes, each é two of them

        letters.send(record(value), RejectReason.NOT_JSON, "bad");

        // 257 bytes would end inside the 129th é
        assertThat(producer.history().get(0).value()).isEqualTo(Arrays.copyOf(value, 256));
    }

    @Test
    void a_letter_whose_headers_alone_are_too_large_is_an_error_naming_the_topic() {
        DeadLetters tiny = new DeadLetters(producer, Optional.empty(), new LetterLimits(Map.of(LETTERS, 200)));

        assertThatThrownBy(() -> tiny.send(record(new byte[1000]), RejectReason.NOT_JSON, "bad"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LETTERS).hasMessageContaining("200 bytes");
        assertThat(producer.history()).isEmpty();
    }

    private static LiveRecord record(byte[] value) {
        return new LiveRecord(TOPIC, 0, 7, null, value, new RecordHeaders());
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
