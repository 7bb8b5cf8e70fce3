package dev.reproject.live;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/** The parts of a consumed record the updater keeps: where it is, its key, value and headers. */
@SuppressWarnings("ArrayRecordComponent") // carries the record's bytes; never compared or hashed
public record LiveRecord(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {

    public static LiveRecord of(ConsumerRecord<byte[], byte[]> record) {
        return new LiveRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers());
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
