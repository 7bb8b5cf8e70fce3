package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.write.DelegatingDynamoDbClient;
import dev.reproject.aws.dynamodb.write.FaultInjectingDynamoDbClient;
import dev.reproject.aws.dynamodb.write.FaultInjectingDynamoDbClient.Faults;
import dev.reproject.aws.dynamodb.write.FaultInjectingDynamoDbClient.Injected;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.catalog.InMemoryRebuildCatalog;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.item.Item;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.reproject.rebuild.RebuildFixture.VIEW;
import static dev.reproject.rebuild.RebuildFixture.snapshotItems;
import static dev.reproject.rebuild.RebuildFixture.tableItems;
import static dev.reproject.rebuild.RebuildFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole rebuild job's write path on dynalite: with ~30% of BatchWriteItem calls failing (unprocessed items,
 * throttling, 5xx) the table ends exactly as without faults and the summary counts every retry the faults
 * caused; and {@code --write-rate} holds within 10% over a load of more than 20 s.
 */
@ExtendWith(LocalServersExtension.class)
class RebuildWritesIT {

    private static SparkSession spark;
    private static String archive;
    private static SnapshotStore store;
    private static SnapshotManifest snapshot;
    private static Set<Item> expected;

    @BeforeAll
    static void snapshotAnArchive(@TempDir Path dir) throws Exception {
        spark = RebuildFixture.spark("RebuildWritesIT");
        archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive), GeneratorOptions.builder().orders(7000)
                .partitions(4).build());
        store = RebuildFixture.store(spark, dir);
        snapshot = RebuildFixture.snapshot(spark, store, archive);
        expected = snapshotItems(spark, store, snapshot);
        assertThat(expected).hasSize(7000);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void faults_on_30_percent_of_calls_give_the_same_table_and_every_retry_is_counted(LocalServers servers)
            throws Exception {
        Faults faults = new Faults(0.3, 20261130L, "RebuildWritesIT-faults");
        WriteOptions write = WriteOptions.DEFAULT
                .withBackoff(new Backoff(Duration.ofMillis(2), Duration.ofMillis(50), 20));
        DynamoTarget target = target(servers, "rebuild-faults", write, new FaultyClients(faults));

        RebuildOutcome outcome = new RebuildJob(spark, store, new InMemoryRebuildCatalog(Clock.systemUTC()),
                Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC())
                .run(new RebuildRequest(archive, VIEW, Optional.empty(), target, false));

        assertThat(tableItems(target)).isEqualTo(expected);
        Injected injected = FaultInjectingDynamoDbClient.ledger(faults.ledger());
        assertThat((double) injected.faultyCalls() / injected.calls()).as("share of faulty calls").isBetween(0.2, 0.4);
        assertThat(injected.unprocessedItems()).isPositive();
        assertThat(injected.throttles()).isPositive();
        assertThat(injected.serverErrors()).isPositive();
        assertThat(outcome.writes().writeCalls()).isEqualTo(injected.calls());
        assertThat(outcome.writes().unprocessedRetried()).isEqualTo(injected.unprocessedItems());
        assertThat(outcome.writes().throttleRetries()).isEqualTo(injected.throttles());
        assertThat(outcome.writes().serverErrorRetries()).isEqualTo(injected.serverErrors());
        assertThat(outcome.writes().itemsWritten()).isEqualTo(7000);
        assertThat(outcome.entry().status()).isEqualTo(RebuildStatus.LOADED);
        assertThat(outcome.entry().counts()).containsEntry("unprocessedRetried", injected.unprocessedItems())
                .containsEntry("throttleRetries", injected.throttles())
                .containsEntry("serverErrorRetries", injected.serverErrors())
                .containsEntry("writeCalls", injected.calls());
    }

    @Test
    void the_write_rate_holds_within_10_percent_over_more_than_20_seconds(LocalServers servers) throws Exception {
        double rate = 300;
        CallTimes times = new CallTimes("RebuildWritesIT-rate");
        DynamoTarget target = target(servers, "rebuild-rate", WriteOptions.DEFAULT.withItemsPerSecond(rate), times);

        RebuildOutcome outcome = new RebuildJob(spark, store, new InMemoryRebuildCatalog(Clock.systemUTC()),
                Leasing.inProcess(Clock.systemUTC()), Clock.systemUTC())
                .run(new RebuildRequest(archive, VIEW, Optional.empty(), target, false));

        assertThat(tableItems(target)).isEqualTo(expected);
        assertThat(outcome.writes().itemsWritten()).isEqualTo(7000);
        // items sent per second between the first call and the start of the last one (the last call's items are
        // sent at its start, so they are left out)
        CallTimes.Call[] calls = CallTimes.calls(times.ledger()).toArray(CallTimes.Call[]::new);
        Arrays.sort(calls, Comparator.comparingLong(CallTimes.Call::startNanos));
        long items = 0;
        for (int i = 0; i < calls.length - 1; i++) {
            items += calls[i].items();
        }
        double seconds = (calls[calls.length - 1].startNanos() - calls[0].startNanos()) / 1e9;
        double measured = items / seconds;
        System.out.printf("write rate: %d items in %.1f s = %.1f items/s against a cap of %.0f%n", items, seconds,
                measured, rate);
        assertThat(seconds).as("load time").isGreaterThanOrEqualTo(20);
        assertThat(measured).as("items/s over %.1f s", seconds).isBetween(rate * 0.9, rate * 1.1);
    }

    /** Each writer task's client gets faults from the recipe, seeded by its partition. */
    private record FaultyClients(Faults faults) implements DynamoTarget.ClientWrapper {
        @Override
        public DynamoDbClient apply(DynamoDbClient client) {
            return faults.forTask(TaskContext.getPartitionId()).wrap(client);
        }
    }

    /** Records when each BatchWriteItem call started and how many items it sent, in a ledger of this JVM. */
    private record CallTimes(String ledger) implements DynamoTarget.ClientWrapper {

        record Call(long startNanos, int items) {
        }

        private static final Map<String, ConcurrentLinkedQueue<Call>> LEDGERS = new ConcurrentHashMap<>();

        static ConcurrentLinkedQueue<Call> calls(String ledger) {
            return LEDGERS.computeIfAbsent(ledger, l -> new ConcurrentLinkedQueue<>());
        }

        @Override
        public DynamoDbClient apply(DynamoDbClient client) {
            ConcurrentLinkedQueue<Call> calls = calls(ledger);
            return new DelegatingDynamoDbClient(client) {
                @Override
                public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
                    calls.add(new Call(System.nanoTime(),
                            request.requestItems().values().stream().mapToInt(List::size).sum()));
                    return super.batchWriteItem(request);
                }
            };
        }
    }
}
