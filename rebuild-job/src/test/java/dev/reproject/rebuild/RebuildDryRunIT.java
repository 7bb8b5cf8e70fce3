package dev.reproject.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.cli.api.CommandLines;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.item.ItemSize;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.rebuild.cli.RebuildCommand;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SandboxCredentials;
import dev.reproject.snapshot.cli.SnapshotCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code rebuild --dry-run} through the command: it writes nothing (no table, no catalog table, no lease), and
 * its figures are those of the real rebuild that follows — the same items, the same calls (each writer's last one
 * partial), and item bytes equal to what the table then holds, measured from a scan of it.
 */
@ExtendWith(LocalServersExtension.class)
class RebuildDryRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CATALOG = "dry-run-catalog";

    @Test
    void a_dry_run_writes_nothing_and_predicts_the_rebuild(LocalServers servers, @TempDir Path dir)
            throws Exception {
        String archive = dir.resolve("archive").toString();
        OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                GeneratorOptions.builder().orders(2000).badFraction(0.01).build());
        SandboxCredentials.SystemPropertiesScope credentials = servers.credentials().inSystemProperties();
        try {
            assertThat(run(new SnapshotCommand(), servers, dir, "--catalog-table", "dry-run-snapshot-leases"))
                    .isNotNull();
            OrderArchiveGenerator.generate(new LocalArchiveStore(archive),
                    GeneratorOptions.builder().orders(500).badFraction(0.01).append(true).build());

            JsonNode plan = run(new RebuildCommand(), servers, dir, "--dry-run", "--table", "dry",
                    "--catalog-table", CATALOG, "--write-rate", "500");
            JsonNode importPlan = run(new RebuildCommand(), servers, dir, "--dry-run", "--import", "--table", "dry",
                    "--catalog-table", CATALOG, "--price-per-gb-imported", "0.3");
            // --import needs its files on S3: the snapshots here are local
            String refused = fails(2, new RebuildCommand(), servers, dir, "--import", "--table", "dry",
                    "--catalog-table", CATALOG);
            assertThat(refused).contains("ImportTable reads files from S3 only")
                    .contains(dir.resolve("snapshots").toUri().getPath().replaceAll("/$", "")
                            + "/order-history/rebuilds/dry@");
            assertThat(fails(2, new RebuildCommand(), servers, dir, "--import", "--write-rate", "5"))
                    .contains("--write-rate and --writers-per-task do not apply");

            assertThat(tables(servers)).as("nothing created: neither the table nor the catalog (no lease either)")
                    .doesNotContain("dry", CATALOG);
            assertThat(plan.get("status").asText()).isEqualTo("dry-run");
            assertThat(plan.get("filesToOpen").asLong()).isPositive();

            JsonNode real = run(new RebuildCommand(), servers, dir, "--table", "dry", "--catalog-table", CATALOG);
            assertThat(real.get("status").asText()).isEqualTo("LOADED");
            long items = real.get("counts").get("items").asLong();
            assertThat(plan.get("items").asLong()).isEqualTo(items).isEqualTo(2500);
            assertThat(plan.get("snapshotId").asText()).isEqualTo(real.get("snapshot").asText());
            // the plan splits the items among the writer tasks and their writers (local[2]: 2 × 4 by default) as the
            // rebuild does, each writer's last call counted whole; dynalite never leaves items unprocessed
            assertThat(real.get("writeCalls").asLong()).as("more calls than full batches: partial ones at the end")
                    .isGreaterThan(items / 25);
            assertThat(plan.get("writeCalls").asLong()).isEqualTo(real.get("writeCalls").asLong());
            assertThat(plan.get("itemBytes").asLong()).isEqualTo(bytesInTable(servers, "dry"));
            long units = plan.get("writeUnits").asLong();
            assertThat(plan.get("tableWriteUnits").asLong()).isGreaterThanOrEqualTo(items);
            assertThat(plan.get("indexWriteUnits").asLong()).as("every order has a consumer and a creation date: "
                    + "each is written to the consumer index too").isGreaterThanOrEqualTo(items);
            assertThat(plan.get("cost").asDouble()).isCloseTo(units * 0.625 / 1_000_000, within(1e-12));
            assertThat(plan.get("seconds").asDouble()).isCloseTo(items / 500.0, within(0.001));
            assertThat(plan.has("importCost")).as("only with --import").isFalse();
            long importBytes = importPlan.get("importBytes").asLong();
            assertThat(importBytes).as("DynamoDB JSON, names and types spelt out, is larger than DynamoDB's measure")
                    .isGreaterThan(plan.get("itemBytes").asLong());
            assertThat(importPlan.get("importCost").asDouble())
                    .isCloseTo(importBytes * 0.3 / (1024.0 * 1024 * 1024), within(1e-12));
            assertThat(importPlan.get("cost").asDouble()).isEqualTo(plan.get("cost").asDouble());
        } finally {
            credentials.close();
        }
    }

    private static JsonNode run(Object command, LocalServers servers, Path dir, String... more) throws Exception {
        return JSON.readTree(execute(0, command, servers, dir, more));
    }

    /** The command's stderr, when it exits with {@code exit}. */
    private static String fails(int exit, Object command, LocalServers servers, Path dir, String... more) {
        return execute(exit, command, servers, dir, more);
    }

    /** Stdout when {@code exit} is 0, else stderr. */
    private static String execute(int expected, Object command, LocalServers servers, Path dir, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CommandLines.configure(new CommandLine(command), Map.of());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("--archive", dir.resolve("archive").toString(), "--snapshots",
                dir.resolve("snapshots").toString(), "--master", "local[2]", "--json", "--dynamodb-endpoint",
                servers.dynamoDbEndpoint().toString(), "--region", servers.region()));
        args.addAll(List.of(more));
        int exit = commandLine.execute(args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isEqualTo(expected);
        return expected == 0 ? out.toString() : err.toString();
    }

    private static List<String> tables(LocalServers servers) {
        try (DynamoDbClient dynamo = client(servers)) {
            return dynamo.listTables().tableNames();
        }
    }

    /** DynamoDB's size of every item in the table, as scanned. */
    private static long bytesInTable(LocalServers servers, String table) {
        try (DynamoDbClient dynamo = client(servers)) {
            return dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                    .mapToLong(item -> ItemSize.of(AttributeValues.toItem(item))).sum();
        }
    }

    private static DynamoDbClient client(LocalServers servers) {
        return AwsClients.dynamoDb(RebuildFixture.target(servers, "any", WriteOptions.DEFAULT,
                DynamoTarget.ClientWrapper.NONE).awsSettings());
    }
}
