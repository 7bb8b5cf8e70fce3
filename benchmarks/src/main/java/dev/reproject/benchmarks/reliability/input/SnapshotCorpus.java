package dev.reproject.benchmarks.reliability.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.benchmarks.reliability.Checks;
import dev.reproject.benchmarks.reliability.Clients;
import dev.reproject.benchmarks.reliability.JavaProcess;
import dev.reproject.benchmarks.reliability.OrderMessages;
import dev.reproject.sandbox.FaultProxy;
import dev.reproject.sandbox.LocalServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The archive corpus through the real {@code snapshot} and {@code rebuild} commands, each in its own JVM with a
 * small heap, reading S3Proxy through the {@link FaultProxy}: the bad lines and files must end as counted rejects
 * naming their file, the good records around them in the table, the heap bounded; the 403 file must fail the run
 * (exit 1) naming the file, and commit nothing.
 */
final class SnapshotCorpus {

    static final String SCENARIO = "archive";
    static final String DENIED_SCENARIO = "archive-403";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIEW = "order-history";
    private static final String TABLE = "corpus";
    private static final String CATALOG = "corpus-catalog";

    private final LocalServers servers;
    private final Path work;
    private final String heap;
    private final Checks checks;

    SnapshotCorpus(LocalServers servers, Path work, String heap, Checks checks) {
        this.servers = servers;
        this.work = work;
        this.heap = heap;
        this.checks = checks;
    }

    void run(long bombBytes) throws IOException {
        try (S3Client s3 = Clients.s3(servers); DynamoDbClient dynamo = Clients.dynamo(servers)) {
            long started = System.nanoTime();
            long compressed = ArchiveCorpus.write(s3, work, bombBytes);
            checks.figure(SCENARIO, String.format(Locale.ROOT,
                    "corpus written in %.1f s; gzip bomb %,d bytes inflating to %,d+ bytes", seconds(started),
                    compressed, bombBytes));
            FaultProxy.Rule vanish = FaultProxy.beforeFirstRead(Pattern.compile("^" + ArchiveCorpus.VANISHING),
                    key -> s3.deleteObject(b -> b.bucket(ArchiveCorpus.BUCKET).key(key)));
            FaultProxy.Rule denied = FaultProxy.s3Error(
                    Pattern.compile("^" + ArchiveCorpus.DENIED + "/.*" + Pattern.quote(ArchiveCorpus.DENIED_FILE)),
                    403, "AccessDenied");
            try (FaultProxy proxy = FaultProxy.start(servers.s3Endpoint(), List.of(vanish, denied))) {
                snapshotAndRebuild(s3, dynamo, proxy);
                deniedFile(s3, proxy);
            }
        }
    }

    private void snapshotAndRebuild(S3Client s3, DynamoDbClient dynamo, FaultProxy proxy) throws IOException {
        String archive = "s3a://" + ArchiveCorpus.BUCKET + "/" + ArchiveCorpus.ARCHIVE;
        String snapshots = "s3a://" + ArchiveCorpus.BUCKET + "/snapshots";
        JavaProcess.Result snapshot = JavaProcess.run(servers, work, "corpus-snapshot", heap, JavaProcess.SNAPSHOT,
                List.of("--archive", archive, "--snapshots", snapshots, "--s3-endpoint", proxy.endpoint().toString(),
                        "--region", servers.region(), "--master", "local[2]", "--json"),
                900);
        report(SCENARIO, "snapshot", snapshot);
        checks.equal(SCENARIO, "snapshot exit", 0, snapshot.exit());
        checks.check(SCENARIO, "snapshot: no OutOfMemoryError", !snapshot.outOfMemory(), snapshot.errTail(20));
        if (snapshot.exit() != 0) {
            checks.check(SCENARIO, "snapshot output", false, snapshot.errTail(30));
            return;
        }
        JsonNode summary = JSON.readTree(snapshot.out());
        checks.equal(SCENARIO, "status", "committed", summary.path("status").asText());
        Map<String, Long> rejected = new TreeMap<>();
        summary.path("rejected").fields().forEachRemaining(e -> rejected.put(e.getKey(), e.getValue().asLong()));
        checks.equal(SCENARIO, "rejects by reason", ArchiveCorpus.REJECTS, rejected);
        checks.equal(SCENARIO, "items", (long) ArchiveCorpus.ITEMS.size(), summary.path("items").asLong());
        checks.equal(SCENARIO, "holes", 0, summary.path("holes").size());
        checks.equal(SCENARIO, "vanishing copies left (deleted at their first read)", 0,
                s3.listObjectsV2(b -> b.bucket(ArchiveCorpus.BUCKET).prefix(ArchiveCorpus.VANISHING)).keyCount());
        rejectedRecords(s3, summary.path("snapshotId").asText());

        JavaProcess.Result rebuild = JavaProcess.run(servers, work, "corpus-rebuild", heap, JavaProcess.REBUILD,
                List.of("--archive", archive, "--snapshots", snapshots, "--table", TABLE, "--catalog-table", CATALOG,
                        "--s3-endpoint", proxy.endpoint().toString(), "--dynamodb-endpoint",
                        servers.dynamoDbEndpoint().toString(), "--region", servers.region(), "--master", "local[2]",
                        "--json"),
                600);
        report(SCENARIO, "rebuild", rebuild);
        checks.equal(SCENARIO, "rebuild exit", 0, rebuild.exit());
        Map<String, Map<String, AttributeValue>> items = Clients.scan(dynamo, TABLE);
        Map<String, String> statuses = new TreeMap<>();
        items.forEach((id, item) -> statuses.put(id, item.get("orderStatus").s()));
        checks.equal(SCENARIO, "table items and their status", new TreeMap<>(ArchiveCorpus.ITEMS), statuses);
        String name = items.containsKey("o-utf8") ? items.get("o-utf8").get("restaurantName").s() : null;
        checks.equal(SCENARIO, "bytes that are not UTF-8 read as U+FFFD", "Caf\uFFFD( Ol\uFFFD", name);
    }

    /** Every reject names its file; the big lines, the bomb and the unreadable files name the right one. */
    private void rejectedRecords(S3Client s3, String snapshotId) throws IOException {
        String prefix = "snapshots/" + VIEW + "/" + snapshotId + "/rejected/";
        List<JsonNode> records = new ArrayList<>();
        for (var object : s3.listObjectsV2Paginator(b -> b.bucket(ArchiveCorpus.BUCKET).prefix(prefix)).contents()) {
            if (object.key().substring(prefix.length()).startsWith("part-")) {
                String text = s3.getObjectAsBytes(b -> b.bucket(ArchiveCorpus.BUCKET).key(object.key()))
                        .asString(StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        records.add(JSON.readTree(line));
                    }
                }
            }
        }
        checks.equal(SCENARIO, "rejected records written", ArchiveCorpus.REJECTS.values().stream()
                .mapToLong(Long::longValue).sum(), (long) records.size());
        List<String> tooLarge = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (JsonNode r : records) {
            checks.check(SCENARIO, "reject names its file: " + r.path("reason").asText(),
                    r.path("file").asText()
                            .matches(".*/" + Pattern.quote(OrderMessages.TOPIC) + "\\+\\d+\\+\\d+\\.json(\\.gz)?"),
                    r.path("file").asText());
            String where = r.path("partition").asText() + "@" + r.path("offset").asText();
            if (r.path("reason").asText().equals("record-too-large")) {
                tooLarge.add(where);
            } else if (r.path("reason").asText().equals("unreadable-file")) {
                unreadable.add(r.path("file").asText().replaceAll("/.*", ""));
                checks.figure(SCENARIO, "unreadable-file " + r.path("file").asText() + ": "
                        + r.path("detail").asText());
            }
        }
        tooLarge.sort(null);
        unreadable.sort(null);
        checks.equal(SCENARIO, "record-too-large at partition@offset", List.of("0@7", "1@1", "2@1"), tooLarge);
        checks.equal(SCENARIO, "unreadable files", List.of("copy", "redelivered"), unreadable);
    }

    private void deniedFile(S3Client s3, FaultProxy proxy) {
        String archive = "s3a://" + ArchiveCorpus.BUCKET + "/" + ArchiveCorpus.DENIED;
        JavaProcess.Result snapshot = JavaProcess.run(servers, work, "denied-snapshot", heap, JavaProcess.SNAPSHOT,
                List.of("--archive", archive, "--snapshots", "s3a://" + ArchiveCorpus.BUCKET + "/denied-snapshots",
                        "--s3-endpoint", proxy.endpoint().toString(), "--region", servers.region(), "--master",
                        "local[2]", "--json"),
                600);
        report(DENIED_SCENARIO, "snapshot", snapshot);
        checks.equal(DENIED_SCENARIO, "exit", 1, snapshot.exit());
        checks.check(DENIED_SCENARIO, "the error names the file", snapshot.err().contains(ArchiveCorpus.DENIED_FILE),
                snapshot.errTail(10));
        checks.check(DENIED_SCENARIO, "the store answered 403", proxy.injected("AccessDenied") > 0, proxy.injected());
        checks.check(DENIED_SCENARIO, "no summary on stdout", !snapshot.out().contains("\"status\""), snapshot.out());
        checks.equal(DENIED_SCENARIO, "manifests under the snapshots", 0L, s3.listObjectsV2Paginator(
                b -> b.bucket(ArchiveCorpus.BUCKET).prefix("denied-snapshots/")).contents().stream()
                .filter(o -> o.key().endsWith("manifest.json")).count());
        String last = snapshot.err().lines().filter(l -> l.contains(ArchiveCorpus.DENIED_FILE)).reduce((a, b) -> b)
                .orElse("");
        checks.figure(DENIED_SCENARIO, "last error line: " + (last.length() > 400 ? last.substring(0, 400) : last));
    }

    private void report(String scenario, String command, JavaProcess.Result result) {
        checks.figure(scenario, String.format(Locale.ROOT, "%s: exit %d in %.1f s, -Xmx%s, %s", command, result.exit(),
                result.seconds(), heap, result.gc().summary()));
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
