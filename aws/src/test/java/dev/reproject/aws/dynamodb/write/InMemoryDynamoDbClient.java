package dev.reproject.aws.dynamodb.write;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * BatchWriteItem on one in-memory table, for unit tests: it keeps the items by key, records every call's items, and
 * refuses what DynamoDB refuses (more than 25 requests, one key twice). Scripted answers ({@link #then}) replace
 * the next calls' behaviour: throw, or leave items unprocessed.
 */
final class InMemoryDynamoDbClient implements DynamoDbClient {

    final String table;
    final Set<String> keyAttributes;
    final Map<SortedMap<String, AttrValue>, Item> stored = new LinkedHashMap<>();
    final List<List<Item>> calls = new ArrayList<>();
    private final Deque<Function<BatchWriteItemRequest, BatchWriteItemResponse>> script = new ArrayDeque<>();

    InMemoryDynamoDbClient(String table, Set<String> keyAttributes) {
        this.table = table;
        this.keyAttributes = keyAttributes;
    }

    /** The next call answers with {@code answer} (which may call {@link #writeAll} or {@link #writeAllBut}). */
    InMemoryDynamoDbClient then(Function<BatchWriteItemRequest, BatchWriteItemResponse> answer) {
        script.add(answer);
        return this;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        List<WriteRequest> requests = request.requestItems().get(table);
        if (request.requestItems().size() != 1 || requests == null) {
            throw DynamoDbException.builder().statusCode(400)
                    .message("unexpected tables " + request.requestItems().keySet()).build();
        }
        calls.add(requests.stream().map(r -> AttributeValues.toItem(r.putRequest().item())).toList());
        if (requests.size() > 25) {
            throw validation("Too many items requested for the BatchWriteItem call");
        }
        if (requests.stream().map(r -> key(AttributeValues.toItem(r.putRequest().item()))).distinct().count() < requests
                .size()) {
            throw validation("Provided list of item keys contains duplicates");
        }
        Function<BatchWriteItemRequest, BatchWriteItemResponse> answer = script.poll();
        return answer == null ? writeAll(request) : answer.apply(request);
    }

    BatchWriteItemResponse writeAll(BatchWriteItemRequest request) {
        return writeAllBut(request, 0);
    }

    /** Writes all but the last {@code held} requests, which come back unprocessed. */
    BatchWriteItemResponse writeAllBut(BatchWriteItemRequest request, int held) {
        List<WriteRequest> requests = request.requestItems().get(table);
        int split = Math.max(0, requests.size() - held);
        for (WriteRequest r : requests.subList(0, split)) {
            Item item = AttributeValues.toItem(r.putRequest().item());
            stored.put(key(item), item);
        }
        List<WriteRequest> rest = requests.subList(split, requests.size());
        return BatchWriteItemResponse.builder().unprocessedItems(rest.isEmpty() ? Map.of() : Map.of(table, rest))
                .build();
    }

    SortedMap<String, AttrValue> key(Item item) {
        SortedMap<String, AttrValue> key = new TreeMap<>(item.attributes());
        key.keySet().retainAll(keyAttributes);
        return key;
    }

    static DynamoDbException validation(String message) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(400).message(message)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ValidationException").build())
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
