package dev.reproject.live;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.item.UpdateCombiner;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.Views;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.reproject.live.Messages.TOPIC;
import static dev.reproject.live.Messages.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The updater against a client (no server) that fails the calls it is told to, and describes the table as it is told
 * to: retries, refusals blamed on the update only while the table fits the view, and the store's own failures.
 */
class DynamoItemUpdaterTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 4);
    private static final TableSchema VIEW_TABLE = Views.byName("order-history").table();

    private final List<Duration> waits = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    private Optional<TableDescription> described = Optional.of(description(VIEW_TABLE));
    private int describeCalls;
    private Map<String, AttributeValue> before = Map.of();
    private final List<UpdateItemRequest> updates = new ArrayList<>();
    private final List<PutItemRequest> puts = new ArrayList<>();
    private final Deque<RuntimeException> putFailures = new ArrayDeque<>();

    @Test
    void eachWaitStaysUnderItsRetrysCeiling_100msBeforeTheFirstRetry() throws Exception {
        // the ceilings before retries 0, 1 and 2 are 100, 200 and 400 ms; a wait over one in 50 tries would show
        // the ceilings shifted by one retry (each wait falls above it with probability 1/2 then)
        List<Duration> maxima = new ArrayList<>(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO));
        for (int run = 0; run < 50; run++) {
            waits.clear();
            throttle(3);
            assertThat(updater().apply(update())).isEqualTo(WriteResult.APPLIED);
            assertThat(waits).hasSize(3);
            for (int retry = 0; retry < 3; retry++) {
                if (waits.get(retry).compareTo(maxima.get(retry)) > 0) {
                    maxima.set(retry, waits.get(retry));
                }
            }
        }
        assertThat(maxima.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(maxima.get(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(maxima.get(2)).isLessThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void throttlingLongerThanTheBackoffAllowsIsTheStoreUnavailableAfterItsLastCall() {
        throttle(4);
        DynamoItemUpdater updater = updater();

        assertThatThrownBy(() -> updater.apply(update())).isInstanceOf(StoreUnavailableException.class)
                .hasCauseInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageStartingWith("DynamoDB (endpoint unknown, table orders): slow down");
        assertThat(updater.calls()).isEqualTo(4);
        assertThat(updater.retries()).isEqualTo(3);
        assertThat(waits).hasSize(3);
    }

    @Test
    void aValidationExceptionRefusesTheUpdateWhenTheTableStillFitsTheView() throws Exception {
        failures.add(validation("Item size has exceeded the maximum allowed size"));

        WriteResult result = updater().apply(update());

        assertThat(result).isEqualTo(new WriteResult.Refused(RejectReason.ITEM_TOO_LARGE,
                "DynamoDB: Item size has exceeded the maximum allowed size"));
        assertThat(describeCalls).isEqualTo(1);
    }

    @Test
    void aValidationExceptionFromATableRecreatedWithAnotherKeyStopsNamingTheTableAndTheDifference() {
        failures.add(validation("Type mismatch for key orderId expected: N actual: S"));
        described = Optional.of(description(new TableSchema("orders",
                new TableSchema.KeyAttribute("orderId", TableSchema.KeyType.N), Optional.empty(), List.of())));

        assertThatThrownBy(() -> updater().apply(update())).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("Type mismatch for key orderId expected: N actual: S")
                .hasMessageContaining("the table orders does not fit view order-history")
                .hasMessageContaining("key attribute orderId is of type N, the view's is S");
    }

    @Test
    void aTableThatIsGoneStopsNamingIt() {
        failures.add(ResourceNotFoundException.builder().message("Requested resource not found").statusCode(400)
                .build());
        described = Optional.empty();

        assertThatThrownBy(() -> updater().apply(update())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the table orders of rebuild orders@20261130T090000.000Z does not exist");
    }

    @Test
    void aTableNotFoundThatExistsAsItShouldIsTheStoreUnavailable() {
        failures.add(ResourceNotFoundException.builder().message("Requested resource not found").statusCode(400)
                .build());

        assertThatThrownBy(() -> updater().apply(update())).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aConnectionRefusedIsTheStoreUnavailable() {
        failures.add(SdkClientException.builder().message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused")).build());

        assertThatThrownBy(() -> updater().apply(update())).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("DynamoDB (endpoint unknown, table orders): Unable to execute HTTP request: "
                        + "Connection refused");
        assertThat(describeCalls).isZero();
    }

    @Test
    void aCombinedWriteWhoseEarlierUpdateWouldBeTooLargeAlone_isWrittenAgainAsOneByOneLeavesTheItem() throws Exception {
        String marker = "events." + TOPIC + "1";
        before = Map.of("orderId", AttributeValue.fromS("1"), "a", AttributeValue.fromS("x".repeat(250_000)),
                marker, AttributeValue.fromS(id(1, 1)));

        WriteResult result = updater().apply(growsThenShrinks());

        assertThat(updates).singleElement().satisfies(request -> assertThat(request.returnValues())
                .isEqualTo(ReturnValue.ALL_OLD));
        assertThat(result).isInstanceOfSatisfying(WriteResult.Corrected.class, corrected -> {
            assertThat(corrected.parts().get(0)).isInstanceOfSatisfying(WriteResult.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(RejectReason.ITEM_TOO_LARGE));
            assertThat(corrected.parts().get(1)).isEqualTo(WriteResult.APPLIED);
        });
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.item()).isEqualTo(Map.of("orderId", AttributeValue.fromS("1"), "a",
                    AttributeValue.fromS("small"), marker, AttributeValue.fromS(id(3, 3))));
            assertThat(put.conditionExpression()).isEqualTo("#m = :eventId");
            assertThat(put.expressionAttributeNames()).isEqualTo(Map.of("#m", marker));
            assertThat(put.expressionAttributeValues()).isEqualTo(Map.of(":eventId", AttributeValue.fromS(id(3, 3))));
        });
    }

    @Test
    void aCombinedWriteThatOneByOneWouldNotChange_isNotWrittenAgain() throws Exception {
        before = Map.of("orderId", AttributeValue.fromS("1"), "a", AttributeValue.fromS("x"));

        assertThat(updater().apply(growsThenShrinks())).isEqualTo(WriteResult.APPLIED);
        assertThat(puts).isEmpty();
    }

    @Test
    void anItemThatCannotBeWrittenAgainAsOneByOneLeavesItStopsTheRunNamingTheKeyAndEvents() {
        before = Map.of("orderId", AttributeValue.fromS("1"), "a", AttributeValue.fromS("x".repeat(250_000)));
        putFailures.add(ConditionalCheckFailedException.builder().message("The conditional request failed")
                .statusCode(400).build());

        assertThatThrownBy(() -> updater().apply(growsThenShrinks())).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("a combined write of 2 updates of key {orderId=S[value=1]} (events " + id(2, 2)
                        + " to " + id(3, 3) + ")")
                .hasMessageContaining("its marker changed since").hasMessageContaining("reproject verify");
    }

    /** 200 KB of b, then a shrunk: on 250 KB of a, the first is too large alone, both together are not. */
    private static CombinedUpdate growsThenShrinks() {
        Map<String, AttrValue> key = Map.of("orderId", new AttrValue.S("1"));
        Update grows = Update.of(key, List.of(new Action.Set("b", new AttrValue.S("y".repeat(200_000)))),
                Marker.of(TOPIC, "1", id(2, 2)));
        Update shrinks = Update.of(key, List.of(new Action.Set("a", new AttrValue.S("small"))),
                Marker.of(TOPIC, "1", id(3, 3)));
        return UpdateCombiner.then(CombinedUpdate.of(grows), shrinks).orElseThrow();
    }

    private void throttle(int calls) {
        for (int i = 0; i < calls; i++) {
            failures.add(ProvisionedThroughputExceededException.builder().message("slow down").statusCode(400)
                    .build());
        }
    }

    private static DynamoDbException validation(String message) {
        return (DynamoDbException) DynamoDbException.builder().message(message).statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage(message)
                        .build())
                .build();
    }

    private DynamoItemUpdater updater() {
        DynamoDbClient client = new DynamoDbClient() {
            @Override
            public UpdateItemResponse updateItem(UpdateItemRequest request) {
                updates.add(request);
                RuntimeException failure = failures.poll();
                if (failure != null) {
                    throw failure;
                }
                return request.returnValues() == ReturnValue.ALL_OLD
                        ? UpdateItemResponse.builder().attributes(before).build()
                        : UpdateItemResponse.builder().build();
            }

            @Override
            public PutItemResponse putItem(PutItemRequest request) {
                puts.add(request);
                RuntimeException failure = putFailures.poll();
                if (failure != null) {
                    throw failure;
                }
                return PutItemResponse.builder().build();
            }

            @Override
            public DescribeTableResponse describeTable(DescribeTableRequest request) {
                describeCalls++;
                return DescribeTableResponse.builder().table(described.orElseThrow(() -> ResourceNotFoundException
                        .builder().message("Requested resource not found: Table: orders not found").build()))
                        .build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };
        ViewTable table = new ViewTable(client, "orders", RebuildId.of("orders",
                new SnapshotId("20261130T090000.000Z")), "order-history", VIEW_TABLE);
        return new DynamoItemUpdater(client, table, BACKOFF, waits::add);
    }

    /** The table as DynamoDB describes one created from {@code schema}. */
    private static TableDescription description(TableSchema schema) {
        CreateTableRequest created = TableSchemas.createTableRequest("orders", schema);
        return TableDescription.builder().tableName("orders").keySchema(created.keySchema())
                .attributeDefinitions(created.attributeDefinitions())
                .globalSecondaryIndexes(created.globalSecondaryIndexes().stream()
                        .map(index -> GlobalSecondaryIndexDescription.builder().indexName(index.indexName())
                                .keySchema(index.keySchema()).build())
                        .toList())
                .build();
    }

    private static Update update() {
        return Update.of(Map.of("orderId", new AttrValue.S("1")),
                List.of(new Action.Set("orderStatus", new AttrValue.S("APPROVED"))), Marker.of(TOPIC, "1", id(1, 1)));
    }
}
