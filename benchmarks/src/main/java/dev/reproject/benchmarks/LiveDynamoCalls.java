package dev.reproject.benchmarks;

import dev.reproject.aws.AwsSettings;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the DynamoDB HTTP requests of the live benchmark's client by table and operation, SDK-level retries
 * included (each attempt is one request sent).
 */
final class LiveDynamoCalls implements ExecutionInterceptor {

    private final ConcurrentMap<String, LongAdder> sent = new ConcurrentHashMap<>();

    /** A client built as {@code AwsClients.dynamoDb} builds the CLI's (Apache HTTP client), counted here. */
    DynamoDbClient client(AwsSettings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(settings.credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(this));
        settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void reset() {
        sent.clear();
    }

    /** Requests sent since the last reset, by {@code table operation}. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach((key, n) -> counts.put(key, n.sum()));
        return counts;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String table = context.request().getValueForField("TableName", String.class).orElse("-");
        sent.computeIfAbsent(table + " " + operation, k -> new LongAdder()).increment();
    }
}
