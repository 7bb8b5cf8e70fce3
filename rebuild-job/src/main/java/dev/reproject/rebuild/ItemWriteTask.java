package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.write.BulkWriter;
import dev.reproject.aws.dynamodb.write.ConcurrentWrites;
import dev.reproject.aws.dynamodb.write.WriteSummary;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.retry.RateLimiter;
import dev.reproject.core.retry.Sleeper;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One writer task: its share of the items, in BatchWriteItem calls from {@link DynamoTarget#writersPerTask()} writers
 * at once, and what they did.
 */
final class ItemWriteTask implements FlatMapFunction<Iterator<Row>, WriteSummary> {

    private final DynamoTarget target;
    private final LongAccumulator written;
    private final LongAccumulator retries;

    ItemWriteTask(DynamoTarget target, LongAccumulator written, LongAccumulator retries) {
        this.target = target;
        this.written = written;
        this.retries = retries;
    }

    @Override
    public Iterator<WriteSummary> call(Iterator<Row> rows) {
        try (DynamoDbClient client = target.writerClient()) { // made on the task's thread, shared by its writers
            BulkWriter.Progress progress = new BulkWriter.Progress() { // accumulators are not thread-safe
                @Override
                public void written(int items) {
                    synchronized (this) {
                        written.add(items);
                    }
                }

                @Override
                public void retrying() {
                    synchronized (this) {
                        retries.add(1);
                    }
                }
            };
            // the task's share of the write rate, taken by its writers in turn: a writer waiting for its call's
            // answer leaves the permits to the others (a limiter each would lose what one saves up beyond its burst)
            RateLimiter rate = RateLimiter.of(target.write().rateLimit());
            List<Function<Iterator<Row>, WriteSummary>> writers = new ArrayList<>();
            for (int i = 0; i < target.writersPerTask(); i++) {
                writers.add(assigned -> new BulkWriter(client, target.table(), target.schema().keyAttributes(),
                        target.write().backoff(), rate, Sleeper.SYSTEM, new SplittableRandom())
                        .reportingTo(progress).write(new Items(assigned)));
            }
            // a key's rows go to one writer: the rebuild has one row per key, and a key's puts stay in order
            return List.of(ConcurrentWrites.write(rows, ItemWriteTask::route, writers)).iterator();
        }
    }

    /** Which of a task's writers takes a row ({@link ConcurrentWrites#writerOf}): by its key. */
    static int route(Row row) {
        return row.<String>getAs("key").hashCode();
    }

    /** The items of a writer's rows, decoded on its thread as it takes them. */
    private record Items(Iterator<Row> rows) implements Iterator<Item> {
        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Item next() {
            return DynamoJson.readItem(rows.next().getAs("item"));
        }
    }
}
