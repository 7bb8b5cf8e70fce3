package dev.reproject.verify;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.retry.RateLimiter;
import dev.reproject.core.verify.KeySample;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * One scan task: the table's items of its segments (a parallel {@code Scan}, {@code Segment} of
 * {@code TotalSegments}), page by page as Spark asks for rows, as (key, item) in DynamoDB JSON — the fold's form — for
 * the keys in the sample. Eventually consistent reads: the table is compared by markers, and an item read a moment
 * stale is at worst older by a live write, never older than the archive the recomputation reads. After each page the
 * task takes the read units it consumed from its share of {@code --read-rate}, so the next page waits while the
 * task is over its rate.
 */
final class SegmentScan implements MapPartitionsFunction<Long, Row> {

    /** The scan's rows: as the fold's items. */
    static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("item", DataTypes.StringType, false);

    private final DynamoSource source;
    private final int totalSegments;
    /** read units per second for this task; 0: no limit */
    private final double readRate;
    private final KeySample sample;
    private final DoubleAccumulator readUnits;
    private final LongAccumulator itemsRead;

    SegmentScan(DynamoSource source, int totalSegments, double readRate, KeySample sample,
                DoubleAccumulator readUnits, LongAccumulator itemsRead) {
        this.source = source;
        this.totalSegments = totalSegments;
        this.readRate = readRate;
        this.sample = sample;
        this.readUnits = readUnits;
        this.itemsRead = itemsRead;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> segments) {
        DynamoDbClient client = source.client();
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> client.close());
        }
        RateLimiter limiter = RateLimiter.of(readRate > 0 ? OptionalDouble.of(readRate) : OptionalDouble.empty());
        return new Rows(client, limiter, segments);
    }

    /** The rows of the segments, one page read at a time. */
    private final class Rows implements Iterator<Row> {

        private final DynamoDbClient client;
        private final RateLimiter limiter;
        private final Iterator<Long> segments;
        private final Set<String> keyNames = source.schema().keyAttributes();
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private Integer segment;
        private Map<String, AttributeValue> startKey = Collections.emptyMap();

        Rows(DynamoDbClient client, RateLimiter limiter, Iterator<Long> segments) {
            this.client = client;
            this.limiter = limiter;
            this.segments = segments;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                if (segment == null) {
                    if (!segments.hasNext()) {
                        return false;
                    }
                    segment = segments.next().intValue();
                    startKey = Collections.emptyMap();
                }
                readPage();
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void readPage() {
            int at = segment;
            ScanResponse page = client.scan(b -> b.tableName(source.table()).segment(at).totalSegments(totalSegments)
                    .exclusiveStartKey(startKey.isEmpty() ? null : startKey)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            double units = page.consumedCapacity() == null || page.consumedCapacity().capacityUnits() == null ? 0
                    : page.consumedCapacity().capacityUnits();
            readUnits.add(units);
            itemsRead.add(page.count());
            for (Map<String, AttributeValue> attributes : page.items()) {
                Item item = AttributeValues.toItem(attributes);
                String key = keyOf(item);
                if (sample.includes(key)) {
                    ready.add(RowFactory.create(key, DynamoJson.write(item)));
                }
            }
            if (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
                startKey = page.lastEvaluatedKey();
            } else {
                segment = null;
            }
            try {
                limiter.acquire((int) Math.ceil(units));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("scan of table " + source.table() + " interrupted", e);
            }
        }

        /** The item's key as the fold writes it: DynamoDB JSON of the table's key attributes. */
        private String keyOf(Item item) {
            TreeMap<String, AttrValue> key = new TreeMap<>();
            for (String name : keyNames) {
                item.get(name).ifPresent(value -> key.put(name, value));
            }
            return DynamoJson.write(new Item(key));
        }
    }
}
