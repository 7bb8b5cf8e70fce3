package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guards against silent mistakes, through the commands and the real Spark job on local servers (S3Proxy,
 * dynalite): a mistyped archive prefix is exit 4 for {@code snapshot} and {@code rebuild} and commits nothing, while a
 * right prefix with nothing new is still "nothing new" (CONTRACT.md §3.2, §5.3); {@code generate} creates a bucket
 * only with {@code --create-bucket} (§7).
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class MistypedArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "mistyped";
    private static final String ARCHIVE = "s3a://" + BUCKET + "/archive";
    private static final String TYPO = "s3a://" + BUCKET + "/archvie";
    private static final String SNAPSHOTS = "s3a://" + BUCKET + "/snapshots";
    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final String TABLE = "mistyped-orders";

    private static LocalServers servers;
    private static Map<String, String> env;

    @BeforeAll
    static void start(LocalServers localServers) {
        servers = localServers;
        env = Map.of("REPROJECT_S3_ENDPOINT", servers.s3Endpoint().toString(),
                "REPROJECT_DYNAMODB_ENDPOINT", servers.dynamoDbEndpoint().toString(),
                "REPROJECT_CATALOG_TABLE", "mistyped-catalog", "REPROJECT_MASTER", "local[2]");
    }

    @Test
    void a_mistyped_prefix_is_not_found_and_commits_nothing_while_the_right_one_goes_on() throws IOException {
        CliRun noBucket = CliRun.run(env, "generate", "--archive", ARCHIVE, "--orders", "300");
        assertThat(noBucket.exitCode()).as(noBucket.err()).isEqualTo(4);
        assertThat(noBucket.err()).contains("the S3 bucket '" + BUCKET + "' of " + ARCHIVE + " does not exist",
                "--create-bucket");
        assertThat(bucketExists()).as("no bucket made without --create-bucket").isFalse();
        JsonNode generated = json(CliRun.run(env, "generate", "--archive", ARCHIVE, "--orders", "300",
                "--create-bucket", "--json"));
        assertThat(generated.get("region").asText()).isEqualTo("us-east-1");

        CliRun first = CliRun.run(env, "snapshot", "--archive", TYPO, "--snapshots", SNAPSHOTS, "--json");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(4);
        assertThat(first.out()).isEmpty();
        assertThat(first.err()).isEqualTo("reproject: no archive file of topic " + TOPIC + " under " + TYPO
                + ": is --archive right? Nothing was committed. For an archive that is empty on purpose, pass "
                + "--allow-empty." + System.lineSeparator());
        List<String> written = keys("snapshots/");
        assertThat(written).as("nothing committed: only the failed run's summary, for an orchestrator")
                .singleElement().asString().startsWith("snapshots/order-history/runs/").endsWith(".json");
        JsonNode summary = JSON.readTree(object(written.get(0)));
        assertThat(summary.get("status").asText()).isEqualTo("failed");
        assertThat(summary.get("exitStatus").asInt()).isEqualTo(4);
        assertThat(summary.get("error").asText()).startsWith("no archive file of topic " + TOPIC + " under " + TYPO);

        JsonNode snapshot = json(CliRun.run(env, "snapshot", "--archive", ARCHIVE, "--snapshots", SNAPSHOTS,
                "--json"));
        assertThat(snapshot.get("status").asText()).isEqualTo("committed");
        assertThat(snapshot.get("items").asLong()).isEqualTo(300);
        assertThat(snapshot.get("region").asText()).isEqualTo("us-east-1");
        String id = snapshot.get("snapshotId").asText();

        CliRun later = CliRun.run(env, "snapshot", "--archive", TYPO, "--snapshots", SNAPSHOTS);
        assertThat(later.exitCode()).as(later.err()).isEqualTo(4);
        assertThat(later.err()).startsWith("reproject: no archive file of topic " + TOPIC + " under " + TYPO
                + " (snapshot " + id + " was made from " + ARCHIVE + "): is --archive right?");

        JsonNode nothingNew = json(CliRun.run(env, "snapshot", "--archive", ARCHIVE, "--snapshots", SNAPSHOTS,
                "--json"));
        assertThat(nothingNew.get("status").asText()).isEqualTo("nothing-new");
        JsonNode allowed = json(CliRun.run(env, "snapshot", "--archive", TYPO, "--snapshots", SNAPSHOTS,
                "--allow-empty", "--json"));
        assertThat(allowed.get("status").asText()).as("--allow-empty: as before").isEqualTo("nothing-new");

        CliRun rebuild = CliRun.run(env, "rebuild", "--archive", TYPO, "--snapshots", SNAPSHOTS, "--table", TABLE);
        assertThat(rebuild.exitCode()).as(rebuild.err()).isEqualTo(4);
        assertThat(rebuild.err()).startsWith("reproject: no archive file of topic " + TOPIC + " under " + TYPO
                + " (snapshot " + id + " was made from " + ARCHIVE + "): is --archive right? Nothing was committed.");
        try (DynamoDbClient dynamo = dynamo()) {
            assertThat(dynamo.listTables().tableNames()).as("no table created").doesNotContain(TABLE);
            assertThat(dynamo.scan(b -> b.tableName("mistyped-catalog")).items())
                    .as("no rebuild entry, no lease left").isEmpty();
        }
        JsonNode status = json(CliRun.run(env, "status", "--snapshots", SNAPSHOTS, "--json"));
        assertThat(status.get("snapshots")).hasSize(1);
        assertThat(status.get("rebuilds")).isEmpty();
    }

    @Test
    void allow_empty_commits_an_empty_first_snapshot_of_an_empty_archive() throws IOException {
        try (S3Client s3 = s3()) {
            s3.createBucket(b -> b.bucket("mistyped-empty"));
        }
        JsonNode snapshot = json(CliRun.run(env, "snapshot", "--archive", "s3a://mistyped-empty/archive",
                "--snapshots", "s3a://mistyped-empty/snapshots", "--allow-empty", "--json"));

        assertThat(snapshot.get("status").asText()).isEqualTo("committed");
        assertThat(snapshot.get("items").asLong()).isZero();
        assertThat(snapshot.get("filesListed").asLong()).isZero();
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static boolean bucketExists() {
        try (S3Client s3 = s3()) {
            return s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET));
        }
    }

    private static byte[] object(String key) {
        try (S3Client s3 = s3()) {
            return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        }
    }

    private static List<String> keys(String prefix) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    private static S3Client s3() {
        return S3Client.builder().endpointOverride(servers.s3Endpoint()).forcePathStyle(true)
                .region(Region.of(servers.region())).credentialsProvider(plainCredentials())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    private static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().endpointOverride(servers.dynamoDbEndpoint())
                .region(Region.of(servers.region())).credentialsProvider(plainCredentials())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    private static StaticCredentialsProvider plainCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(servers.credentials().accessKeyId(),
                servers.credentials().secretAccessKey()));
    }
}
