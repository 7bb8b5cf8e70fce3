package dev.reproject.aws.dynamodb.write;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.retry.RateLimiter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkWriterTest {

    private static final String TABLE = "orders";
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 4);

    private final InMemoryDynamoDbClient client = new InMemoryDynamoDbClient(TABLE, Set.of("pk", "sk"));
    private final List<Duration> sleeps = new ArrayList<>();
    private long now = 0;

    private BulkWriter writer(RateLimiter limiter) {
        return new BulkWriter(client, TABLE, Set.of("pk", "sk"), BACKOFF, limiter, sleeps::add,
                new SplittableRandom(1));
    }

    private BulkWriter writer() {
        return writer(RateLimiter.unlimited());
    }

    private static Item item(String pk, int sk, String value) {
        return Item.of(Map.of("pk", AttrValue.s(pk), "sk", AttrValue.n(sk), "v", AttrValue.s(value)));
    }

    private static List<Item> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> item("p" + (i % 7), i, "v" + i)).toList();
    }

    @Test
    void sendsBatchesOfAtMost25() {
        List<Item> items = items(103);
        WriteSummary summary = writer().write(items.iterator());

        assertThat(client.calls).extracting(List::size).containsExactly(25, 25, 25, 25, 3);
        assertThat(client.stored.values()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(summary).isEqualTo(new WriteSummary(103, 5, 0, 0, 0, List.of()));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void neverPutsOneKeyTwiceInABatchAndTheLaterItemWins() {
        List<Item> items = new ArrayList<>(items(10));
        items.add(item("p3", 3, "second"));          // same key as item 3: must start a new batch
        items.addAll(items(30).subList(10, 30));
        items.add(item("p3", 3, "third"));

        WriteSummary summary = writer().write(items.iterator());

        for (List<Item> call : client.calls) {
            assertThat(new HashSet<>(call.stream().map(client::key).toList())).hasSize(call.size());
        }
        assertThat(client.calls).extracting(List::size).containsExactly(10, 21, 1);
        assertThat(client.stored.get(client.key(item("p3", 3, "")))).isEqualTo(item("p3", 3, "third"));
        assertThat(client.stored).hasSize(30);
        assertThat(summary.itemsWritten()).isEqualTo(32);
    }

    @Test
    void itemsOver400KbAreRejectedNotSent() {
        // "pk" 2 + "big" 3, "sk" 2 + 1 digit (2 bytes), "v" 1 + 409,600: 409,610 bytes, 10 over
        Item tooBig = item("big", 1, "x".repeat(409_600));
        // 409,610 - 10 = exactly 400 KB: still allowed
        Item atTheLimit = item("max", 2, "x".repeat(409_590));
        List<Item> items = new ArrayList<>(items(30));
        items.add(5, tooBig);
        items.add(atTheLimit);

        WriteSummary summary = writer().write(items.iterator());

        assertThat(summary.rejected()).containsExactly(
                new WriteSummary.RejectedItem("{\"pk\":{\"S\":\"big\"},\"sk\":{\"N\":\"1\"}}", 409_610));
        assertThat(client.calls.stream().flatMap(List::stream)).doesNotContain(tooBig).contains(atTheLimit);
        assertThat(summary.itemsWritten()).isEqualTo(31);
    }

    @Test
    void resendsUnprocessedItemsAfterABackoff() {
        client.then(r -> client.writeAllBut(r, 5)).then(r -> client.writeAllBut(r, 2));
        List<Item> items = items(25);

        WriteSummary summary = writer().write(items.iterator());

        assertThat(client.calls).extracting(List::size).containsExactly(25, 5, 2);
        assertThat(client.calls.get(1)).isEqualTo(items.subList(20, 25));
        assertThat(client.stored.values()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(summary).isEqualTo(new WriteSummary(25, 3, 7, 0, 0, List.of()));
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(10));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(20));
    }

    @Test
    void reportsItemsAsTheyAreWrittenAndEachRetry() {
        client.then(r -> client.writeAllBut(r, 5)).then(r -> {
            throw ProvisionedThroughputExceededException.builder().statusCode(400).message("slow down").build();
        });
        List<Integer> written = new ArrayList<>();
        List<String> retries = new ArrayList<>();
        BulkWriter.Progress progress = new BulkWriter.Progress() {
            @Override
            public void written(int items) {
                written.add(items);
            }

            @Override
            public void retrying() {
                retries.add("retry after " + written.stream().mapToInt(Integer::intValue).sum());
            }
        };

        writer().reportingTo(progress).write(items(30).iterator());

        // 25 sent, 20 written; the 5 left, throttled once, then written; then the last 5
        assertThat(written).containsExactly(20, 5, 5);
        assertThat(retries).containsExactly("retry after 20", "retry after 20");
    }

    @Test
    void retriesThrottlingAndServerErrors() {
        client.then(r -> {
            throw ProvisionedThroughputExceededException.builder().statusCode(400).message("slow down").build();
        })
                .then(r -> { throw serviceError(500, "InternalServerError"); })
                .then(r -> {
                    throw serviceError(503, "ServiceUnavailable");
                }); // 3 failures: the 4th and last attempt succeeds
        List<Item> items = items(10);

        WriteSummary summary = writer().write(items.iterator());

        assertThat(summary).isEqualTo(new WriteSummary(10, 4, 0, 1, 2, List.of()));
        assertThat(client.stored.values()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void anyOtherErrorFailsNamingTheFirstKeyOfTheBatch() {
        client.then(client::writeAll).then(r -> {
            throw InMemoryDynamoDbClient.validation("One or more parameter values were invalid");
        });

        assertThatThrownBy(() -> writer().write(items(60).iterator()))
                .isInstanceOf(BulkWriteException.class)
                .hasMessageContaining("not retriable")
                .hasMessageContaining("One or more parameter values were invalid")
                .hasMessageContaining("key {\"pk\":{\"S\":\"p4\"},\"sk\":{\"N\":\"25\"}}")
                .satisfies(e -> assertThat(((BulkWriteException) e).keyJson())
                        .isEqualTo("{\"pk\":{\"S\":\"p4\"},\"sk\":{\"N\":\"25\"}}"));
        assertThat(client.calls).hasSize(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void givesUpWhenAttemptsRunOut() {
        for (int i = 0; i < 10; i++) {
            client.then(r -> { throw serviceError(500, "InternalServerError"); });
        }
        assertThatThrownBy(() -> writer().write(items(3).iterator()))
                .isInstanceOf(BulkWriteException.class)
                .hasMessageContaining("still failed after 4 attempts")
                .hasMessageContaining("{\"pk\":{\"S\":\"p0\"},\"sk\":{\"N\":\"0\"}}");
        assertThat(client.calls).hasSize(4);
    }

    @Test
    void givesUpOnItemsThatStayUnprocessed() {
        for (int i = 0; i < 10; i++) {
            client.then(r -> client.writeAllBut(r, 1));
        }
        assertThatThrownBy(() -> writer().write(items(3).iterator()))
                .isInstanceOf(BulkWriteException.class)
                .hasMessageContaining("left 1 items unprocessed after 4 attempts without progress")
                .hasMessageContaining("{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"2\"}}");
        assertThat(client.calls).extracting(List::size).containsExactly(3, 1, 1, 1, 1);
    }

    @Test
    void everyCallFirstTakesItsItemsFromTheRateLimiter() {
        List<Duration> limiterSleeps = new ArrayList<>();
        RateLimiter limiter = RateLimiter.of(100, 1, d -> {
            limiterSleeps.add(d);
            now += d.toNanos();
        }, () -> now);
        client.then(r -> client.writeAllBut(r, 4));

        writer(limiter).write(items(50).iterator());

        // at 100/s with 1 saved: 25 items (24 owed), the 4 unprocessed again, then 25 more
        assertThat(client.calls).extracting(List::size).containsExactly(25, 4, 25);
        assertThat(limiterSleeps).containsExactly(Duration.ofMillis(240), Duration.ofMillis(40),
                Duration.ofMillis(250));
    }

    @Test
    void classifiesErrors() {
        assertThat(RetriableErrors.classify(ProvisionedThroughputExceededException.builder().statusCode(400).build()))
                .contains(RetriableErrors.Kind.THROTTLING);
        assertThat(RetriableErrors.classify(serviceError(400, "RequestLimitExceeded")))
                .contains(RetriableErrors.Kind.THROTTLING);
        assertThat(RetriableErrors.classify(serviceError(400, "ThrottlingException")))
                .contains(RetriableErrors.Kind.THROTTLING);
        assertThat(RetriableErrors.classify(serviceError(500, "InternalServerError")))
                .contains(RetriableErrors.Kind.SERVER_ERROR);
        assertThat(RetriableErrors.classify(serviceError(503, "ServiceUnavailable")))
                .contains(RetriableErrors.Kind.SERVER_ERROR);
        assertThat(RetriableErrors.classify(serviceError(400, "ValidationException"))).isEmpty();
        assertThat(RetriableErrors.classify(serviceError(400, "ResourceNotFoundException"))).isEmpty();
        assertThat(RetriableErrors.classify(new IllegalStateException("boom"))).isEmpty();
    }

    @Test
    void summariesAddUp() {
        WriteSummary a = new WriteSummary(10, 2, 3, 1, 0, List.of(new WriteSummary.RejectedItem("{}", 500_000)));
        WriteSummary b = new WriteSummary(5, 1, 0, 0, 4, List.of());
        assertThat(a.plus(b)).isEqualTo(new WriteSummary(15, 3, 3, 1, 4, a.rejected()));
        assertThat(WriteSummary.EMPTY.plus(b)).isEqualTo(b);
    }

    @Test
    void optionsShareTheRateOutAmongWriters() {
        WriteOptions options = WriteOptions.DEFAULT.withItemsPerSecond(1_000);
        assertThat(options.sharedBy(4).rateLimit()).hasValue(250);
        assertThat(WriteOptions.DEFAULT.sharedBy(4).rateLimit()).isEmpty();
        assertThat(options.maxAttempts()).isEqualTo(Backoff.DEFAULT.maxAttempts());
        assertThatThrownBy(() -> options.withItemsPerSecond(-1)).hasMessageContaining("found -1");
    }

    private static DynamoDbException serviceError(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }
}
