package dev.reproject.aws.dynamodb.write;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.item.Item;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.retry.RateLimiter;
import dev.reproject.core.retry.Sleeper;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 20,000 items through {@link BulkWriter} to dynalite while {@link FaultInjectingDynamoDbClient} fails or cuts
 * short 30% of the calls: the table ends with exactly the items, and the writer's retry counts are the injected ones.
 */
@ExtendWith(LocalServersExtension.class)
class BulkWriterIT {

    private static final int ITEMS = 20_000;

    @Test
    void writesEveryItemDespiteInjectedFaults(LocalServers servers) {
        long seed = Long.getLong("reproject.it.seed", System.nanoTime());
        System.out.printf("BulkWriterIT: seed %d (rerun with -Dreproject.it.seed=%d)%n", seed, seed);
        try (DynamoDbClient real = TestItems.client(servers)) {
            String table = TestItems.createTable(real, "bulk");
            try {
                List<Item> items = TestItems.generate(ITEMS, seed);
                FaultInjectingDynamoDbClient faulty = FaultInjectingDynamoDbClient.wrap(real, 0.3, seed);
                // short delays keep the test fast; 12 calls in a row without progress are unlikely at 30% (5e-7)
                Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), 12);
                BulkWriter writer = new BulkWriter(faulty, table, TestItems.SCHEMA.keyAttributes(), backoff,
                        RateLimiter.unlimited(), Sleeper.SYSTEM, new SplittableRandom(seed));

                long start = System.nanoTime();
                WriteSummary summary = writer.write(items.iterator());
                long millis = (System.nanoTime() - start) / 1_000_000;
                FaultInjectingDynamoDbClient.Injected injected = faulty.injected();
                System.out.printf(
                        "BulkWriterIT: %d items in %d ms (%.0f items/s); %s; injected %s; %.4f calls per item%n",
                        ITEMS, millis, ITEMS * 1000.0 / millis, summary, injected,
                        summary.writeCalls() / (double) ITEMS);

                Set<Item> stored = new HashSet<>();
                real.scanPaginator(b -> b.tableName(table).consistentRead(true))
                        .items().forEach(item -> stored.add(AttributeValues.toItem(item)));
                assertThat(stored).hasSize(ITEMS).isEqualTo(new HashSet<>(items));

                assertThat(summary.itemsWritten()).isEqualTo(ITEMS);
                assertThat(summary.rejected()).isEmpty();
                assertThat(summary.unprocessedRetried()).isEqualTo(injected.unprocessedItems()).isPositive();
                assertThat(summary.throttleRetries()).isEqualTo(injected.throttles()).isPositive();
                assertThat(summary.serverErrorRetries()).isEqualTo(injected.serverErrors()).isPositive();
                // every faulty call costs exactly one more call: 800 full batches + one retry per fault
                assertThat(summary.writeCalls()).isEqualTo(injected.calls())
                        .isEqualTo(ITEMS / 25 + injected.faultyCalls());
                assertThat(injected.faultyCalls() / (double) injected.calls()).isBetween(0.25, 0.35);
            } finally {
                real.deleteTable(b -> b.tableName(table));
            }
        }
    }
}
