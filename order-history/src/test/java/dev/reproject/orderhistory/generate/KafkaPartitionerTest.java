package dev.reproject.orderhistory.generate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaPartitionerTest {

    /** Values from kafka-clients 4.2.1 {@code Utils.murmur2} and {@code toPositive(h) % 8}. */
    @ParameterizedTest
    @CsvSource({
            "1,      -1993445489, 7",
            "12,     126087238,   6",
            "123,    -267702483,  5",
            "1234,   -1614185708, 4",
            "12345,  -1188365604, 4",
            "4711,   -1914427126, 2",
            "foobar, -790332482,  6"})
    void hashesAndPartitionsLikeKafkasDefaultPartitioner(String key, int murmur2, int partitionOf8) {
        assertThat(KafkaPartitioner.murmur2(key.getBytes(StandardCharsets.UTF_8))).isEqualTo(murmur2);
        assertThat(KafkaPartitioner.partition(key, 8)).isEqualTo(partitionOf8);
    }
}
