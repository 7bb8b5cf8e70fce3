package dev.reproject.aws.dynamodb.write;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test seam for the retry paths dynalite never takes: on a seeded share of {@code BatchWriteItem} calls it
 * (in equal parts) returns some of the request's items as {@code UnprocessedItems}, writing only the others through
 * the real client; throws a throttling error ({@code ProvisionedThroughputExceededException}, a
 * {@code ThrottlingException} or {@code RequestLimitExceeded}); or throws a 500 {@link DynamoDbException}. It counts
 * what it injected. Every other operation goes straight to the real client.
 *
 * <p>For Spark jobs, {@link Faults} is the serializable recipe: each task wraps its own client with it, and all
 * wrappers made from one recipe add up their counts in a named ledger of this JVM ({@link #ledger(String)}), which
 * the test reads after the job (local mode runs the tasks in the test's JVM).
 */
public final class FaultInjectingDynamoDbClient extends DelegatingDynamoDbClient {

    /** What was injected so far. */
    public record Injected(long calls, long faultyCalls, long unprocessedItems, long throttles,
                           long serverErrors) implements Serializable {

        public static final Injected NONE = new Injected(0, 0, 0, 0, 0);

        /** The calls that failed or left items unprocessed: each costs the writer exactly one more call. */
        public long retriesCaused() {
            return faultyCalls;
        }
    }

    /**
     * A serializable recipe for wrappers.
     *
     * @param faultRate the share of {@code BatchWriteItem} calls that get a fault, e.g. 0.3
     * @param seed      makes the faults reproducible (per task: {@link #forTask(int)})
     * @param ledger    the name under which wrappers made from this recipe count together
     */
    public record Faults(double faultRate, long seed, String ledger) implements Serializable {

        public Faults {
            if (!(faultRate >= 0 && faultRate <= 1)) {
                throw new IllegalArgumentException("faultRate must be in [0, 1], found " + faultRate);
            }
            Objects.requireNonNull(ledger, "ledger");
        }

        /** The same recipe with a seed of its own for task {@code task}, counting in the same ledger. */
        public Faults forTask(int task) {
            return new Faults(faultRate, seed * 31 + task * 0x9E3779B97F4A7C15L, ledger);
        }

        public FaultInjectingDynamoDbClient wrap(DynamoDbClient client) {
            return new FaultInjectingDynamoDbClient(client, faultRate, seed,
                    LEDGERS.computeIfAbsent(ledger, n -> new Counters()));
        }
    }

    private static final Map<String, Counters> LEDGERS = new ConcurrentHashMap<>();

    private final double faultRate;
    private final Random random;
    private final Counters own = new Counters();
    private final Counters shared;

    private FaultInjectingDynamoDbClient(DynamoDbClient delegate, double faultRate, long seed, Counters shared) {
        super(delegate);
        this.faultRate = faultRate;
        this.random = new Random(seed);
        this.shared = shared;
    }

    /** A wrapper that counts on its own ({@link #injected()}). */
    public static FaultInjectingDynamoDbClient wrap(DynamoDbClient client, double faultRate, long seed) {
        return new FaultInjectingDynamoDbClient(client, faultRate, seed, new Counters());
    }

    /** What this wrapper injected. */
    public Injected injected() {
        return own.snapshot();
    }

    /** What all wrappers made from recipes with this ledger name injected (in this JVM). */
    public static Injected ledger(String name) {
        Counters counters = LEDGERS.get(name);
        return counters == null ? Injected.NONE : counters.snapshot();
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        int fault;
        long choice;
        synchronized (random) {
            fault = random.nextDouble() < faultRate ? random.nextInt(3) : -1;
            choice = random.nextLong();
        }
        count(c -> c.calls);
        switch (fault) {
            case 0:
                return partly(request, new Random(choice));
            case 1:
                count(c -> c.faultyCalls);
                count(c -> c.throttles);
                throw throttling(Math.floorMod(choice, 3));
            case 2:
                count(c -> c.faultyCalls);
                count(c -> c.serverErrors);
                throw DynamoDbException.builder().message("injected internal server error").statusCode(500)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError")
                                .serviceName("DynamoDb").build())
                        .build();
            default:
                return delegate.batchWriteItem(request);
        }
    }

    /** Writes a random part of each table's requests, returns the rest (at least one item) as unprocessed. */
    private BatchWriteItemResponse partly(BatchWriteItemRequest request, Random random) {
        Map<String, List<WriteRequest>> written = new LinkedHashMap<>();
        Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
        long held = 0;
        for (Map.Entry<String, List<WriteRequest>> table : request.requestItems().entrySet()) {
            List<WriteRequest> requests = table.getValue();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            int hold = requests.isEmpty() ? 0 : 1 + random.nextInt(requests.size());
            boolean[] isHeld = new boolean[requests.size()];
            order.subList(0, hold).forEach(i -> isHeld[i] = true);
            List<WriteRequest> send = new ArrayList<>();
            List<WriteRequest> keep = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                (isHeld[i] ? keep : send).add(requests.get(i));
            }
            if (!send.isEmpty()) {
                written.put(table.getKey(), send);
            }
            if (!keep.isEmpty()) {
                unprocessed.put(table.getKey(), keep);
            }
            held += hold;
        }
        if (held > 0) {
            long items = held;
            count(c -> c.faultyCalls);
            own.unprocessedItems.addAndGet(items);
            shared.unprocessedItems.addAndGet(items);
        }
        if (!written.isEmpty()) {
            BatchWriteItemResponse response = delegate
                    .batchWriteItem(request.toBuilder().requestItems(written).build());
            response.unprocessedItems()
                    .forEach((table, rest) -> unprocessed.computeIfAbsent(table, t -> new ArrayList<>()).addAll(rest));
        }
        return BatchWriteItemResponse.builder().unprocessedItems(unprocessed).build();
    }

    private static DynamoDbException throttling(long variant) {
        if (variant == 0) {
            return (DynamoDbException) ProvisionedThroughputExceededException.builder()
                    .message("injected: the level of configured provisioned throughput for the table was exceeded")
                    .statusCode(400).awsErrorDetails(details("ProvisionedThroughputExceededException")).build();
        }
        if (variant == 1) {
            return (DynamoDbException) ThrottlingException.builder()
                    .message("injected: rate of requests exceeds the allowed throughput")
                    .statusCode(400).awsErrorDetails(details("ThrottlingException")).build();
        }
        return (DynamoDbException) RequestLimitExceededException.builder()
                .message("injected: throughput exceeds the current account quota")
                .statusCode(400).awsErrorDetails(details("RequestLimitExceeded")).build();
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).serviceName("DynamoDb").build();
    }

    private void count(java.util.function.Function<Counters, AtomicLong> counter) {
        counter.apply(own).incrementAndGet();
        counter.apply(shared).incrementAndGet();
    }

    private static final class Counters {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong faultyCalls = new AtomicLong();
        final AtomicLong unprocessedItems = new AtomicLong();
        final AtomicLong throttles = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();

        Injected snapshot() {
            return new Injected(calls.get(), faultyCalls.get(), unprocessedItems.get(), throttles.get(),
                    serverErrors.get());
        }
    }
}
