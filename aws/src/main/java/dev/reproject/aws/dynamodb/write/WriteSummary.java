package dev.reproject.aws.dynamodb.write;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link BulkWriter} did; {@link #plus(WriteSummary)} adds up the writer tasks of a job.
 *
 * @param itemsWritten       items DynamoDB accepted
 * @param writeCalls         {@code BatchWriteItem} calls made, retries included
 * @param unprocessedRetried items DynamoDB returned as unprocessed and that were sent again
 * @param throttleRetries    calls retried after a throttling error
 * @param serverErrorRetries calls retried after a 5xx error
 * @param rejected           items never sent because DynamoDB would refuse them (over 400 KB)
 */
public record WriteSummary(long itemsWritten, long writeCalls, long unprocessedRetried, long throttleRetries,
                           long serverErrorRetries, List<RejectedItem> rejected) implements Serializable {

    public static final WriteSummary EMPTY = new WriteSummary(0, 0, 0, 0, 0, List.of());

    /** An item left out: its key as DynamoDB JSON and its size by {@link dev.reproject.core.item.ItemSize}. */
    public record RejectedItem(String keyJson, long sizeBytes) implements Serializable {
        public RejectedItem {
            Objects.requireNonNull(keyJson, "keyJson");
        }
    }

    public WriteSummary {
        rejected = List.copyOf(rejected);
    }

    public WriteSummary plus(WriteSummary other) {
        List<RejectedItem> allRejected = new ArrayList<>(rejected);
        allRejected.addAll(other.rejected);
        return new WriteSummary(itemsWritten + other.itemsWritten, writeCalls + other.writeCalls,
                unprocessedRetried + other.unprocessedRetried, throttleRetries + other.throttleRetries,
                serverErrorRetries + other.serverErrorRetries, allRejected);
    }

    /** Calls retried after an error, throttling or 5xx. */
    public long errorRetries() {
        return throttleRetries + serverErrorRetries;
    }
}
