package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild issue's acceptance test: an archive of 50,000 orders in S3 (S3Proxy) with 1% bad input, a
 * snapshot, 5,000 more orders archived (with late transitions of older ones), then {@code rebuild} into
 * dynalite. Every item in the table must equal the item {@link ExpectedOrderHistory} works out from the archived
 * objects by itself, with none of reproject's reading or folding code, and the table must hold no other item.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class RebuildFromS3IT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "rebuild-from-s3";
    private static final String ARCHIVE = "s3a://" + BUCKET + "/archive";
    private static final String SNAPSHOTS = "s3a://" + BUCKET + "/snapshots";
    private static final String TABLE = "rebuild-from-s3";
    private static final List<String> INJECTED = List.of("not-json", "missing-header", "bad-payload",
            "unreadable-file");

    private static LocalServers servers;
    private static Map<String, String> env;

    @BeforeAll
    static void start(LocalServers localServers) {
        servers = localServers;
        env = Map.of("REPROJECT_S3_ENDPOINT", servers.s3Endpoint().toString(),
                "REPROJECT_DYNAMODB_ENDPOINT", servers.dynamoDbEndpoint().toString(),
                "REPROJECT_CATALOG_TABLE", "rebuild-from-s3-catalog");
    }

    @Test
    void the_rebuilt_table_holds_exactly_the_items_the_archive_gives() throws IOException {
        JsonNode first = run("generate", "--archive", ARCHIVE, "--orders", "50000", "--partitions", "4",
                "--bad-records", "0.01", "--create-bucket", "--json");
        JsonNode snapshot = run("snapshot", "--archive", ARCHIVE, "--snapshots", SNAPSHOTS, "--master", "local[2]",
                "--json");
        assertThat(snapshot.get("status").asText()).isEqualTo("committed");
        assertThat(snapshot.get("items").asLong()).isEqualTo(50_000);

        JsonNode second = run("generate", "--archive", ARCHIVE, "--orders", "5000", "--append", "--bad-records", "0.01",
                "--json");
        JsonNode rebuild = run("rebuild", "--archive", ARCHIVE, "--snapshots", SNAPSHOTS, "--table", TABLE,
                "--master", "local[2]", "--json");
        ExpectedOrderHistory expected = expected();

        assertReadAsGenerated(expected, first, second);
        assertThat(expected.items()).hasSize(55_000);
        assertThat(lateTransitions(expected, first)).as("orders of the snapshot changed by the appended events")
                .isGreaterThan(100);

        Map<String, Map<String, AttributeValue>> table = scan(TABLE);
        LiveTable.assertSameItems(expected.items(), table);
        assertThat(table).hasSize(expected.items().size());

        assertThat(rebuild.get("status").asText()).isEqualTo("LOADED");
        assertThat(rebuild.get("counts").get("items").asLong()).isEqualTo(expected.items().size());
        Map<Integer, Long> handoff = new TreeMap<>();
        rebuild.get("handoff").get(ExpectedOrderHistory.TOPIC).fields()
                .forEachRemaining(p -> handoff.put(Integer.parseInt(p.getKey()), p.getValue().asLong()));
        assertThat(handoff).isEqualTo(expected.endOffsets());

        JsonNode status = run("status", "--snapshots", SNAPSHOTS, "--json");
        assertThat(status.get("snapshots")).hasSize(1);
        assertThat(status.get("snapshots").get(0).get("id").asText()).isEqualTo(snapshot.get("snapshotId").asText());
        List<JsonNode> entries = new ArrayList<>();
        status.get("rebuilds").forEach(entry -> {
            if (entry.get("table").asText().equals(TABLE)) {
                entries.add(entry);
            }
        });
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("id").asText()).isEqualTo(rebuild.get("id").asText());
        assertThat(entries.get(0).get("status").asText()).isEqualTo("LOADED");
        assertThat(entries.get(0).get("counts").get("items").asLong()).isEqualTo(expected.items().size());
    }

    /** The generator's reports, only to check that the independent reading saw what was written. */
    private static void assertReadAsGenerated(ExpectedOrderHistory expected, JsonNode first, JsonNode second) {
        assertThat(expected.holes()).isEmpty();
        assertThat(expected.records()).as("records").isEqualTo(sum(first, second, "records"));
        assertThat(expected.duplicateRecords()).as("duplicate records").isEqualTo(sum(first, second, "duplicates"));
        assertThat(expected.skipped()).as("unhandled events").isEqualTo(sum(first, second, "unhandled"));
        for (String reason : INJECTED) {
            assertThat(expected.rejected(reason)).as(reason).isPositive()
                    .isEqualTo(
                            first.get("rejected").path(reason).asLong() + second.get("rejected").path(reason).asLong());
        }
        assertThat(expected.rejected().keySet()).containsExactlyInAnyOrderElementsOf(INJECTED);
        assertThat(expected.applied() + expected.skipped() + expected.duplicateEvents()).as("events")
                .isEqualTo(sum(first, second, "events"));
    }

    private static long sum(JsonNode first, JsonNode second, String field) {
        return first.get(field).asLong() + second.get(field).asLong();
    }

    /** Orders created before the snapshot whose last event came after it. */
    private static long lateTransitions(ExpectedOrderHistory expected, JsonNode first) {
        Map<Integer, Long> snapshotEnd = new HashMap<>();
        first.get("endOffsets").fields().forEachRemaining(end -> snapshotEnd.put(
                Integer.parseInt(end.getKey().substring(end.getKey().lastIndexOf('-') + 1)), end.getValue().asLong()));
        return expected.appliedAt().values().stream()
                .filter(at -> at.first() <= snapshotEnd.get(at.partition())
                        && at.last() > snapshotEnd.get(at.partition()))
                .count();
    }

    private static ExpectedOrderHistory expected() throws IOException {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(servers.s3Endpoint())
                .forcePathStyle(true)
                .region(Region.of(servers.region()))
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build()) {
            return ExpectedOrderHistory.of(s3, BUCKET, "archive");
        }
    }

    private static Map<String, Map<String, AttributeValue>> scan(String tableName) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(servers.dynamoDbEndpoint())
                .region(Region.of(servers.region()))
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            for (Map<String, AttributeValue> item : dynamo
                    .scanPaginator(b -> b.tableName(tableName).consistentRead(true)).items()) {
                assertThat(items.put(item.get("orderId").s(), item)).as("scanned twice: %s", item).isNull();
            }
        }
        return items;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()));
    }

    private static JsonNode run(String... args) throws IOException {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as("reproject %s%n%s", String.join(" ", args), run.err()).isZero();
        return JSON.readTree(run.out());
    }
}
