package dev.reproject.live;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * How much of a dead letter's value fits its topic. A letter is measured as the producer measures it before sending
 * (Kafka's upper bound for a batch of that one record, uncompressed): at most the topic's {@code max.message.bytes},
 * the broker takes it, and the producer's {@code max.request.size}, set to that limit, lets it through.
 */
final class LetterFit {

    private LetterFit() {
    }

    /** The letter's size as the producer checks it against {@code max.request.size}. */
    static int size(byte[] key, ByteBuffer value, Header[] headers) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key == null ? null : ByteBuffer.wrap(key), value, headers);
    }

    /**
     * The length of the longest prefix of {@code value} with which the letter is at most {@code limit} bytes, cut
     * before a UTF-8 continuation byte so that a text value keeps whole characters; empty when not even an empty
     * value fits (the key and headers alone are too large).
     */
    static OptionalInt fittingLength(byte[] key, byte[] value, Header[] headers, int limit) {
        int length = value.length;
        int size = size(key, ByteBuffer.wrap(value, 0, length), headers);
        while (size > limit && length > 0) {
            length = Math.max(0, length - (size - limit)); // the length's varint shrinks too: at most a few rounds
            size = size(key, ByteBuffer.wrap(value, 0, length), headers);
        }
        if (size > limit) {
            return OptionalInt.empty();
        }
        while (length > 0 && length < value.length && (value[length] & 0xC0) == 0x80) {
            length--;
        }
        return OptionalInt.of(length);
    }
}
