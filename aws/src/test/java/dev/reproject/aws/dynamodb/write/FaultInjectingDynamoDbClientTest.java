package dev.reproject.aws.dynamodb.write;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FaultInjectingDynamoDbClientTest {

    private final InMemoryDynamoDbClient real = new InMemoryDynamoDbClient("t", Set.of("pk"));

    @Test
    void injectsTheSeededShareOfFaultsAndCountsThem() {
        FaultInjectingDynamoDbClient client = FaultInjectingDynamoDbClient.wrap(real, 0.3, 42);
        long unprocessed = 0;
        long thrown = 0;
        int calls = 3_000;
        for (int call = 0; call < calls; call++) {
            try {
                BatchWriteItemResponse response = client.batchWriteItem(request(call));
                unprocessed += response.unprocessedItems().getOrDefault("t", List.of()).size();
            } catch (DynamoDbException e) {
                thrown++;
                assertThat(RetriableErrors.classify(e)).isPresent();
            }
        }
        FaultInjectingDynamoDbClient.Injected injected = client.injected();
        assertThat(injected.calls()).isEqualTo(calls);
        assertThat(injected.faultyCalls()).isBetween(800L, 1_000L); // 900 expected, sd ~25
        assertThat(injected.throttles() + injected.serverErrors()).isEqualTo(thrown);
        assertThat(injected.unprocessedItems()).isEqualTo(unprocessed);
        // what was not held back or refused reached the real client, and only that
        assertThat(real.stored).hasSize((int) (calls * 25L - unprocessed - thrown * 25));
        // the same seed, the same faults
        FaultInjectingDynamoDbClient again = FaultInjectingDynamoDbClient
                .wrap(new InMemoryDynamoDbClient("t", Set.of("pk")), 0.3, 42);
        for (int call = 0; call < calls; call++) {
            try {
                again.batchWriteItem(request(call));
            } catch (DynamoDbException e) {
                // counted
            }
        }
        assertThat(again.injected()).isEqualTo(injected);
    }

    @Test
    void aRecipeTravelsSerializedAndItsWrappersCountInOneLedger() throws Exception {
        FaultInjectingDynamoDbClient.Faults faults = new FaultInjectingDynamoDbClient.Faults(1.0, 7,
                "ledger-" + System.nanoTime());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(faults);
        }
        FaultInjectingDynamoDbClient.Faults copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FaultInjectingDynamoDbClient.Faults) in.readObject();
        }
        for (int task = 0; task < 3; task++) {
            FaultInjectingDynamoDbClient client = copy.forTask(task).wrap(real);
            for (int call = 0; call < 10; call++) {
                try {
                    client.batchWriteItem(request(call));
                } catch (DynamoDbException e) {
                    // counted
                }
            }
        }
        assertThat(FaultInjectingDynamoDbClient.ledger(faults.ledger()).calls()).isEqualTo(30);
        assertThat(FaultInjectingDynamoDbClient.ledger(faults.ledger()).faultyCalls()).isEqualTo(30);
    }

    private static BatchWriteItemRequest request(int call) {
        List<WriteRequest> puts = IntStream.range(0, 25)
                .mapToObj(i -> Item.of(Map.of("pk", AttrValue.s(call + "-" + i))))
                .map(item -> WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(AttributeValues.toSdk(item)).build()).build())
                .toList();
        return BatchWriteItemRequest.builder().requestItems(Map.of("t", puts)).build();
    }
}
