package dev.reproject.aws.dynamodb.write;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import dev.reproject.core.retry.NanoClock;
import dev.reproject.core.retry.RateLimiter;
import dev.reproject.core.retry.Sleeper;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A writer capped at 300 items/s keeps to it over 23 s of writing on dynalite: measured as items over elapsed wall
 * time, within 10%. The cap sits well below what dynalite takes (~8,000/s on an idle 2-core machine, but only
 * ~450/s seen at 500/s under a load average of 10 from other builds), so that the limiter, not the server, sets
 * the pace.
 */
@ExtendWith(LocalServersExtension.class)
class WriteRateIT {

    private static final double RATE = 300;
    private static final int ITEMS = 6_900;

    @Test
    void aCappedWriterKeepsToItsRate(LocalServers servers) {
        try (DynamoDbClient client = TestItems.client(servers)) {
            String table = TestItems.createTable(client, "rate");
            try {
                List<Item> items = TestItems.generate(ITEMS, 11);
                AtomicLong waited = new AtomicLong();
                Sleeper timedSleeper = d -> {
                    long before = System.nanoTime();
                    Sleeper.SYSTEM.sleep(d);
                    waited.addAndGet(System.nanoTime() - before);
                };
                WriteOptions options = WriteOptions.DEFAULT.withItemsPerSecond(RATE);
                BulkWriter writer = new BulkWriter(client, table, TestItems.SCHEMA.keyAttributes(), options.backoff(),
                        RateLimiter.of(options.rateLimit(), timedSleeper, NanoClock.SYSTEM), Sleeper.SYSTEM,
                        new SplittableRandom(1));

                // the first calls of a fresh client pay for connections and class loading, not what is measured here
                BulkWriter.create(client, table, TestItems.SCHEMA, WriteOptions.DEFAULT)
                        .write(TestItems.generate(200, 12).stream().map(i -> i.with("customer", AttrValue.s("warm-up")))
                                .iterator());

                long start = System.nanoTime();
                WriteSummary summary = writer.write(items.iterator());
                double seconds = (System.nanoTime() - start) / 1e9;
                double achieved = ITEMS / seconds;
                System.out.printf(
                        "WriteRateIT: %d items in %.2f s: %.1f items/s against a cap of %.0f; %.2f s waiting for the rate; %s%n",
                        ITEMS, seconds, achieved, RATE, waited.get() / 1e9, summary);

                assertThat(summary.itemsWritten()).isEqualTo(ITEMS);
                assertThat(seconds).isGreaterThanOrEqualTo(20);
                assertThat(achieved).isCloseTo(RATE, within(RATE * 0.10));
            } finally {
                client.deleteTable(b -> b.tableName(table));
            }
        }
    }
}
