package dev.reproject.aws.dynamodb;

import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import java.time.Duration;

/**
 * Waiting for a table to be created or deleted. The SDK's DynamoDB waiters poll {@code DescribeTable} every 20 s: a
 * table that is not ACTIVE at the first look costs 20 s more, even when it is a moment later (a small on-demand
 * table, or dynalite under load). These poll after 100 ms, then twice as long each time up to 5 s, for at most 10
 * minutes — tables with many indexes can take minutes to create.
 */
public final class TableWaits {

    /** The waits' polling: exponential from 100 ms to 5 s, no jitter, 10 minutes at most. */
    public static final WaiterOverrideConfiguration POLLING = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(100),
                    Duration.ofSeconds(5)))
            .maxAttempts(Integer.MAX_VALUE)
            .waitTimeout(Duration.ofMinutes(10))
            .build();

    private TableWaits() {
    }

    /** Returns once {@code table} is ACTIVE; the SDK's exception when it is not after 10 minutes. */
    public static void untilExists(DynamoDbClient client, String table) {
        try (DynamoDbWaiter waiter = waiter(client)) {
            waiter.waitUntilTableExists(b -> b.tableName(table));
        }
    }

    /** Returns once {@code table} is gone; the SDK's exception when it is still there after 10 minutes. */
    public static void untilGone(DynamoDbClient client, String table) {
        try (DynamoDbWaiter waiter = waiter(client)) {
            waiter.waitUntilTableNotExists(b -> b.tableName(table));
        }
    }

    private static DynamoDbWaiter waiter(DynamoDbClient client) {
        return DynamoDbWaiter.builder().client(client).overrideConfiguration(POLLING).build();
    }
}
