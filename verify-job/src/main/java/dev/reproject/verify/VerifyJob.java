package dev.reproject.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.VerifySummary;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.verify.KeyClass;
import dev.reproject.core.verify.KeySample;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.spark.recompute.Recomputation;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

/**
 * {@code verify}: a table compared, key by key, with the view recomputed from its latest snapshot and the archive
 * after it by the same read and fold as {@code rebuild} ({@link Recomputation}). The table is read by a parallel
 * {@code Scan} (one Spark task per segment) at a capped rate, joined with the recomputation's rows by key, and each
 * key classed by {@link dev.reproject.core.verify.ItemComparison}. The full report goes next to the snapshots and
 * the result into the table's catalog entry. Writes nothing to the table.
 */
public final class VerifyJob {

    /** Differing fields shown on standard output. */
    public static final int SAMPLE_LINES = 20;

    private static final Logger log = LoggerFactory.getLogger(VerifyJob.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SparkSession spark;
    private final SnapshotStore snapshots;
    private final RebuildCatalog catalog;
    private final Clock clock;

    public VerifyJob(SparkSession spark, SnapshotStore snapshots, RebuildCatalog catalog, Clock clock) {
        this.spark = spark;
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.clock = clock;
    }

    public VerifyOutcome run(VerifyRequest request) throws IOException {
        Instant started = clock.instant();
        ViewDefinition view = Views.byName(request.view());
        SnapshotManifest snapshot = Recomputation.snapshotOf(snapshots, view, Optional.empty());
        Recomputation.requireArchiveFiles(spark, request.archive(), view, snapshot, request.allowEmpty());
        requireTable(request.source());
        log.info("verify of table {}: snapshot {} of view {} + archive {}, {} of the keys, {} segments", request
                .source().table(), snapshot.id(), view.name(), request.archive(), request.sample().fraction(),
                request.segments());

        try (Recomputation recomputed = Recomputation.of(spark, snapshots, request.archive(), view, snapshot,
                request.allowGaps(), clock)) {
            DoubleAccumulator readUnits = spark.sparkContext().doubleAccumulator("verify read units");
            LongAccumulator itemsRead = spark.sparkContext().longAccumulator("verify items read");
            Dataset<Row> verdicts = verdicts(recomputed.items(), request, readUnits, itemsRead)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Map<KeyClass, Long> counts = counts(verdicts);
                Dataset<Row> wrong = verdicts.filter(col("class").isin(wrongCodes())).orderBy(col("key"));
                List<VerifyOutcome.Difference> sample = differences(wrong.limit(SAMPLE_LINES).collectAsList());
                Path reportPath = VerifyReport.path(snapshots.root(), view.name(), request.runId());
                String report = VerifyReport.write(reportPath, spark.sparkContext().hadoopConfiguration(),
                        header(request, snapshot, started, readUnits.value(), itemsRead.value()), counts,
                        wrong.toLocalIterator());
                Optional<RebuildEntry> recorded = request.rebuild().map(id -> catalog.recordVerify(id,
                        new VerifySummary(started, byCode(counts), request.sample().fraction(), report)));
                VerifyOutcome outcome = new VerifyOutcome(request.source().table(), snapshot.id(), counts, sample,
                        report, itemsRead.value(), readUnits.value(), request.segments(), request.sample().fraction(),
                        recorded);
                log.info("verify of table {}: {} keys, {} wrong; report {}", outcome.table(), outcome.keysChecked(),
                        outcome.wrongKeys(), report);
                return outcome;
            } finally {
                verdicts.unpersist();
            }
        }
    }

    /** key, class, fields: the recomputation's rows and the table's, in the sample, joined by key and classed. */
    private Dataset<Row> verdicts(Dataset<Row> recomputed, VerifyRequest request, DoubleAccumulator readUnits,
                                  LongAccumulator itemsRead) {
        KeySample sample = request.sample();
        Dataset<Row> expected = sample.all() ? recomputed : recomputed.filter(new InSample(sample));
        int segments = request.segments();
        Dataset<Row> actual = spark.range(0, segments, 1, segments)
                .mapPartitions(new SegmentScan(request.source(), segments, request.readRate() / segments, sample,
                        readUnits, itemsRead), Encoders.row(SegmentScan.SCHEMA));
        Dataset<Row> e = expected.alias("e");
        Dataset<Row> a = actual.alias("a");
        return e.join(a, col("e.key").equalTo(col("a.key")), "full_outer")
                .select(coalesce(col("e.key"), col("a.key")).as("key"), col("e.item").as("expected"),
                        col("a.item").as("actual"))
                .map(new KeyCompare(), Encoders.row(KeyCompare.SCHEMA));
    }

    /** The recomputation's keys in the sample (the table's are filtered where they are read). */
    private record InSample(KeySample sample) implements FilterFunction<Row> {
        @Override
        public boolean call(Row row) {
            return sample.includes(row.getAs("key"));
        }
    }

    private static Map<KeyClass, Long> counts(Dataset<Row> verdicts) {
        Map<KeyClass, Long> counts = new EnumMap<>(KeyClass.class);
        Arrays.stream(KeyClass.values()).forEach(c -> counts.put(c, 0L));
        for (Row row : verdicts.groupBy(col("class")).count().collectAsList()) {
            counts.put(KeyClass.valueOf(row.<String>getAs("class").toUpperCase(Locale.ROOT)),
                    row.<Long>getAs("count"));
        }
        return counts;
    }

    private static Object[] wrongCodes() {
        return Arrays.stream(KeyClass.values()).filter(KeyClass::wrong).map(KeyClass::code).toArray();
    }

    private static Map<String, Long> byCode(Map<KeyClass, Long> counts) {
        Map<String, Long> byCode = new TreeMap<>();
        counts.forEach((c, n) -> byCode.put(c.code(), n));
        return byCode;
    }

    /** The wrong keys' differing fields, at most {@link #SAMPLE_LINES}. */
    private static List<VerifyOutcome.Difference> differences(List<Row> wrong) {
        List<VerifyOutcome.Difference> lines = new ArrayList<>();
        for (Row row : wrong) {
            KeyClass keyClass = KeyClass.valueOf(row.<String>getAs("class").toUpperCase(Locale.ROOT));
            try {
                for (JsonNode field : MAPPER.readTree(row.<String>getAs("fields"))) {
                    if (lines.size() == SAMPLE_LINES) {
                        return lines;
                    }
                    lines.add(new VerifyOutcome.Difference(row.getAs("key"), keyClass, field.get("field").asText(),
                            text(field.get("expected")), text(field.get("actual"))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the differences of key " + row.getAs("key"), e);
            }
        }
        return lines;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.toString();
    }

    private Map<String, Object> header(VerifyRequest request, SnapshotManifest snapshot, Instant started,
                                       double readUnits, long itemsRead) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("runId", request.runId());
        header.put("view", request.view());
        header.put("table", request.source().table());
        header.put("rebuild", request.rebuild().map(Object::toString).orElse(null));
        header.put("snapshot", snapshot.id().toString());
        header.put("archive", request.archive());
        header.put("startedAt", started.toString());
        header.put("endedAt", clock.instant().toString());
        header.put("sample", request.sample().fraction());
        header.put("segments", request.segments());
        header.put("itemsRead", itemsRead);
        header.put("readUnits", readUnits);
        return header;
    }

    /** Before the read: a table that is not there is exit 4 naming it. */
    private static void requireTable(DynamoSource source) {
        try (DynamoDbClient client = source.client()) {
            client.describeTable(b -> b.tableName(source.table()));
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException("no table " + source.table() + " to verify");
        }
    }
}
