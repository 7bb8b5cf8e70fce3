package dev.reproject.live;

import dev.reproject.core.lease.LeaseKeeper;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A wired live run ({@link LiveRuns#open}): its updater, and the Kafka clients it closes when done with. Run it
 * once.
 */
public final class LiveRun implements AutoCloseable {

    /** How long SIGTERM waits for the batch in flight to be written and committed. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);
    /** How long SIGTERM then waits for the run to be closed: its consumer to leave the group, its lease to go. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(15);

    private final LiveUpdater updater;
    private final DynamoItemUpdater items;
    private final StoreRetries writes;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final LeaseKeeper lease;
    private final CountDownLatch closed = new CountDownLatch(1);

    LiveRun(LiveUpdater updater, DynamoItemUpdater items, StoreRetries writes, Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer, LeaseKeeper lease) {
        this.updater = updater;
        this.items = items;
        this.writes = writes;
        this.consumer = consumer;
        this.producer = producer;
        this.lease = lease;
    }

    /** @see LiveUpdater#run() */
    public LiveOutcome run() throws InterruptedException {
        return updater.run();
    }

    /**
     * {@link #run()}, stopped like {@link #stop} when the JVM is asked to exit (SIGTERM): the batch in flight is
     * finished and committed first, for up to 60 s, and the JVM then waits up to 15 s more for the caller to
     * {@link #close()} the run (whatever the caller does before closing, such as printing a summary, is done too).
     */
    public LiveOutcome runUntilShutdown() throws InterruptedException {
        Thread onTerm = new Thread(() -> {
            try {
                updater.stop(SHUTDOWN_GRACE);
                closed.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reproject-live-shutdown");
        Runtime.getRuntime().addShutdownHook(onTerm);
        try {
            return updater.run();
        } finally {
            removeHook(onTerm);
        }
    }

    /** @see LiveUpdater#consuming() */
    public boolean consuming() {
        return updater.consuming();
    }

    /** @see LiveUpdater#stop(Duration) */
    public boolean stop(Duration timeout) throws InterruptedException {
        return updater.stop(timeout);
    }

    /** The run's writes into the table, for their call and retry counts. */
    public DynamoItemUpdater items() {
        return items;
    }

    /** Writes tried again while DynamoDB was unavailable ({@link LiveOptions#storeRetryTimeout()}). */
    public long storeRetries() {
        return writes.retries();
    }

    /**
     * Closes the Kafka clients (the consumer leaves its group, static member or not, so that the others take its
     * partitions over at once), then releases the table's lease (or leaves it, when shared).
     */
    @Override
    public void close() {
        try (lease) {
            try {
                producer.close();
            } finally {
                consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
            }
        } finally {
            closed.countDown();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM: the hook is running and waits for this run to end
        }
    }
}
