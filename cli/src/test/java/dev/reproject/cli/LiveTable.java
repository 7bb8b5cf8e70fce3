package dev.reproject.cli;

import dev.reproject.oracle.DynamoValues;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An Order History table on dynalite read with the plain AWS SDK (consistent, paginated scans), and compared
 * with the items {@link ExpectedOrderHistory} works out, as DynamoDB compares values: numbers normalised, sets
 * unordered, lists in order.
 */
final class LiveTable implements AutoCloseable {

    /** Differing items shown when a table is wrong: enough to see the pattern, not the whole table. */
    private static final int SHOWN = 5;

    private final DynamoDbClient dynamo;

    LiveTable(LocalServers servers) {
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(servers.dynamoDbEndpoint())
                .region(Region.of(servers.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        servers.credentials().accessKeyId(), servers.credentials().secretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    DynamoDbClient client() {
        return dynamo;
    }

    /** The whole table by order id; fails if a scan returns an item twice. */
    Map<String, Map<String, AttributeValue>> scan(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true))
                .items()) {
            assertThat(items.put(item.get("orderId").s(), item)).as("scanned twice: %s", item).isNull();
        }
        return items;
    }

    /** How many items the table holds (a consistent, paginated {@code COUNT} scan). */
    long count(String table) {
        long count = 0;
        for (ScanResponse page : dynamo
                .scanPaginator(b -> b.tableName(table).consistentRead(true).select(Select.COUNT))) {
            count += page.count();
        }
        return count;
    }

    /** Every key of either side, compared as DynamoDB values; the first few differences in full. */
    static void assertSameItems(Map<String, Map<String, AttributeValue>> expected,
                                Map<String, Map<String, AttributeValue>> actual) {
        TreeSet<String> keys = new TreeSet<>((a, b) -> a.length() != b.length()
                ? Integer.compare(a.length(), b.length()) : a.compareTo(b));
        keys.addAll(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> shown = new ArrayList<>();
        long differing = 0;
        for (String key : keys) {
            Map<String, AttributeValue> want = expected.get(key);
            Map<String, AttributeValue> got = actual.get(key);
            if (!DynamoValues.sameItem(want, got)) {
                differing++;
                if (shown.size() < SHOWN) {
                    shown.add(difference(key, want, got));
                }
            }
        }
        if (differing > 0) {
            fail("%d of %d keys differ (expected %d items, table holds %d); the first %d:%n%s", differing, keys.size(),
                    expected.size(), actual.size(), shown.size(), String.join("\n", shown));
        }
    }

    private static String difference(String key, Map<String, AttributeValue> want, Map<String, AttributeValue> got) {
        if (want == null || got == null) {
            return "orderId " + key + ": expected " + (want == null ? "no item" : new TreeMap<>(want))
                    + "\n  table " + (got == null ? "no item" : new TreeMap<>(got));
        }
        TreeSet<String> names = new TreeSet<>(want.keySet());
        names.addAll(got.keySet());
        String attributes = names.stream()
                .filter(name -> !DynamoValues.sameValue(want.get(name), got.get(name)))
                .map(name -> "    " + name + ": expected " + want.get(name) + ", table " + got.get(name))
                .collect(Collectors.joining("\n"));
        return "orderId " + key + ":\n" + attributes + "\n  expected item " + new TreeMap<>(want)
                + "\n  table item    " + new TreeMap<>(got);
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
