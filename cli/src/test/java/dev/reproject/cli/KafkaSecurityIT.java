package dev.reproject.cli;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.catalog.DynamoCatalog;
import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.Views;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SecuredKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code live} and {@code archive} against a broker that wants TLS or a SASL login, configured through
 * {@code --kafka-config} and {@code --kafka-property} alone; a wrong password or an untrusted certificate stops a run
 * at once (exit 1) with a one-line message naming Kafka authentication, and no password is ever printed.
 */
@ExtendWith({LocalServersExtension.class, DefaultChainCredentials.class})
class KafkaSecurityIT {

    private static final String TABLE = "kafka-security";
    private static final String CATALOG = "kafka-security-catalog";
    private static final int ORDERS = 60;
    private static final Duration FAST = Duration.ofSeconds(30);

    private static SecuredKafka kafka;
    private static LocalServers servers;
    private static Path archive;
    private static long records;

    @BeforeAll
    static void start(LocalServers localServers, @TempDir Path dir) throws Exception {
        servers = localServers;
        servers.dynamoDbEndpoint();
        kafka = SecuredKafka.start();
        archive = dir.resolve("generated");
        run(Map.of(), 0, "generate", "--archive", archive.toString(), "--orders", "" + ORDERS, "--partitions", "2");
        try (LiveKafka plain = new LiveKafka(kafka.plaintextBootstrapServers())) {
            plain.freshTopic(2);
            plain.publish(archive);
            records = LiveKafka.total(plain.endOffsets());
        }
        assertThat(records).as("records published").isGreaterThan(ORDERS);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void archiveLogsInWithScramFromAConfigFileAndWithPlainFromProperties(@TempDir Path dir) throws IOException {
        Path scram = properties(dir.resolve("scram.properties"), kafka.scramClientProperties(kafka.password()));
        CliRun overScram = run(Map.of(), 0, "archive", "--kafka-config", scram.toString(), "--archive",
                dir.resolve("scram").toString(), "--topic", LiveKafka.TOPIC, "--json");
        assertThat(overScram.out()).contains("\"records\":" + records);
        assertThat(lines(dir.resolve("scram"))).isEqualTo(lines(archive));

        List<String> args = new ArrayList<>(List.of("archive", "--archive", dir.resolve("plain").toString(),
                "--topic", LiveKafka.TOPIC, "--json"));
        kafka.plainClientProperties(kafka.password()).forEach((key, value) -> args.addAll(key.equals(
                "bootstrap.servers") ? List.of("--bootstrap-servers", value)
                        : List.of("--kafka-property",
                                key + "=" + value)));
        CliRun overPlain = run(Map.of(), 0, args.toArray(String[]::new));
        assertThat(overPlain.out()).contains("\"records\":" + records);
    }

    @Test
    void liveCatchesUpOverTls(@TempDir Path dir) throws Exception {
        RebuildEntry entry = loadedRebuild(TABLE + "-tls");
        Path tls = properties(dir.resolve("tls.properties"), kafka.sslClientProperties());

        CliRun live = run(Map.of(), 0, "live", "--table", TABLE + "-tls", "--catalog-table", CATALOG, "--kafka-config",
                tls.toString(), "--until-caught-up", "--report-interval", "1", "--json");

        assertThat(live.out()).contains("\"caughtUp\":true");
        try (LiveKafka plain = new LiveKafka(kafka.plaintextBootstrapServers());
             LiveTable table = new LiveTable(servers)) {
            assertThat(plain.committed(entry.id().consumerGroup())).isEqualTo(plain.endOffsets());
            var expected = ExpectedOrderHistory.ofRecords(plain.records()).items();
            assertThat(expected).hasSize(ORDERS);
            LiveTable.assertSameItems(expected, table.scan(TABLE + "-tls"));
        }
    }

    @Test
    void aWrongPasswordStopsArchiveAndLiveWithinSecondsNamingKafkaAuthenticationAndNeverShowsAPassword(
                                                                                                       @TempDir Path home)
            throws Exception {
        String wrong = "wrong-" + kafka.password();
        Path config = properties(home.resolve("wrong.properties"), kafka.scramClientProperties(wrong));
        Map<String, String> environment = new HashMap<>(servers.environment());
        environment.remove("REPROJECT_BOOTSTRAP_SERVERS");
        environment.put("AWS_ACCESS_KEY_ID", servers.credentials().accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", servers.credentials().secretAccessKey());
        loadedRebuild(TABLE + "-wrong");

        for (List<String> command : List.of(
                List.of("archive", "--archive", home.resolve("archive").toString(), "--topic", LiveKafka.TOPIC),
                List.of("live", "--table", TABLE + "-wrong", "--catalog-table", CATALOG, "--until-caught-up"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--kafka-config", config.toString()));
            long started = System.nanoTime();
            ChildCli run = ChildCli.run(home, environment, args.toArray(String[]::new));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(run.exitCode()).as("%s%n%s", command.get(0), run).isEqualTo(1);
            assertThat(took).as("%s took %s", command.get(0), took).isLessThan(FAST);
            assertThat(run.errLines()).as(run.toString()).last().isEqualTo("reproject: Kafka authentication failed "
                    + "(SaslAuthenticationException): Authentication failed during authentication due to invalid "
                    + "credentials with SASL mechanism SCRAM-SHA-512. Check sasl.mechanism and the user name and "
                    + "password in sasl.jaas.config, in --kafka-config or --kafka-property, and that the user exists "
                    + "on the cluster.");
            assertThat(run.out() + run.err()).doesNotContain(wrong).doesNotContain(kafka.password());
        }
    }

    @Test
    void aBrokerCertificateTheClientDoesNotTrustFailsTheHandshakeAtOnce(@TempDir Path dir) {
        long started = System.nanoTime();
        CliRun run = run(Map.of(), 1, "archive", "--bootstrap-servers", kafka.sslBootstrapServers(),
                "--kafka-property", "security.protocol=SSL", "--archive", dir.toString(), "--topic",
                LiveKafka.TOPIC);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAST);
        assertThat(run.err()).startsWith("reproject: Kafka authentication failed: the TLS handshake with the broker "
                + "failed (").contains("Check ssl.truststore.location and ssl.truststore.password");
    }

    /** The table and a LOADED rebuild of it with an empty handoff: live starts every partition at offset 0. */
    private static RebuildEntry loadedRebuild(String table) {
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(new AwsSettings(Optional.of(servers.dynamoDbEndpoint()),
                Optional.empty(), servers.region()).withStaticCredentials(servers.credentials().accessKeyId(),
                        servers.credentials().secretAccessKey()))) {
            dynamo.createTable(TableSchemas.createTableRequest(table, Views.byName("order-history").table()));
            TableWaits.untilExists(dynamo, table);
            DynamoCatalog catalog = new DynamoCatalog(dynamo, CATALOG, Clock.systemUTC());
            catalog.createIfMissing();
            RebuildId id = RebuildId.of(table, new SnapshotId("20261130T090000.000Z"));
            catalog.begin(RebuildEntry.loading(id, "order-history", "archive", Watermark.empty(), Instant.now()));
            return catalog.markLoaded(id, Map.of(), Watermark.empty());
        }
    }

    private static Path properties(Path file, Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        return file;
    }

    /** Every line of every archive file under {@code root}, sorted: the same records, whatever the file cuts. */
    private static List<String> lines(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().contains("+")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    private static CliRun run(Map<String, String> environment, int status, String... args) {
        Map<String, String> env = new HashMap<>(servers.environment());
        env.remove("REPROJECT_BOOTSTRAP_SERVERS"); // the shared broker's: these runs name their own
        env.putAll(environment);
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as("reproject %s%n%s%n%s", String.join(" ", args), run.out(), run.err())
                .isEqualTo(status);
        return run;
    }
}
