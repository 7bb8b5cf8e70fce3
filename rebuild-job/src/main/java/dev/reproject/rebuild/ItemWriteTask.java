package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.write.BulkWriter;
import dev.reproject.aws.dynamodb.write.WriteSummary;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Iterator;
import java.util.List;

/** One writer task: its share of the items, in BatchWriteItem calls, and what it did. */
final class ItemWriteTask implements MapPartitionsFunction<Row, WriteSummary> {

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
        try (DynamoDbClient client = target.writerClient()) {
            Iterator<Item> items = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Item next() {
                    return DynamoJson.readItem(rows.next().getAs("item"));
                }
            };
            BulkWriter writer = BulkWriter.create(client, target.table(), target.schema(), target.write())
                    .reportingTo(new BulkWriter.Progress() {
                        @Override
                        public void written(int items) {
                            written.add(items);
                        }

                        @Override
                        public void retrying() {
                            retries.add(1);
                        }
                    });
            return List.of(writer.write(items)).iterator();
        }
    }
}
