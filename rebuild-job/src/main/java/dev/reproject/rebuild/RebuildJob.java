package dev.reproject.rebuild;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.write.WriteSummary;
import dev.reproject.core.catalog.CatalogRules;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.lease.LeaseKeeper;
import dev.reproject.core.lease.LeaseNames;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.rebuild.imports.ImportLoad;
import dev.reproject.rebuild.imports.TableImport;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.archive.ArchiveScan;
import dev.reproject.spark.fold.FoldOutput;
import dev.reproject.spark.progress.JobCounters;
import dev.reproject.spark.recompute.Recomputation;
import dev.reproject.spark.reject.RejectedLines;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Step 2 (CONTRACT.md §6): a snapshot + the records archived beyond its watermark → the same fold as the
 * snapshot job → items bulk-loaded into the view's table, which is created when missing. The catalog entry
 * is LOADING while items are written and LOADED, with the handoff watermark, only after every item is.
 * Running the same rebuild again (after a crash) puts the same items and ends with the same entry. With
 * {@link #runImport}, a new table is created from the items by an import ({@link TableImport}) instead.
 */
public final class RebuildJob {

    private static final Logger log = LoggerFactory.getLogger(RebuildJob.class);

    /** The directory of {@code rebuild --import}'s files in the rebuild's area. */
    public static final String IMPORT_DIR = "import";

    private final SparkSession spark;
    private final SnapshotStore snapshots;
    private final RebuildCatalog catalog;
    private final Leasing leasing;
    private final Clock clock;

    public RebuildJob(SparkSession spark, SnapshotStore snapshots, RebuildCatalog catalog, Leasing leasing,
                      Clock clock) {
        this.spark = spark;
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.leasing = leasing;
        this.clock = clock;
    }

    public RebuildOutcome run(RebuildRequest request) throws Exception {
        return run(request, Optional.empty());
    }

    /**
     * {@code rebuild --import} (CONTRACT.md §6.1): the same read and fold, the items written as files beside the
     * snapshots, and the table, which must not exist, created from them by {@code importer}; the same entry and
     * handoff.
     */
    public RebuildOutcome runImport(RebuildRequest request, TableImport importer) throws Exception {
        return run(request, Optional.of(importer));
    }

    private RebuildOutcome run(RebuildRequest request, Optional<TableImport> importer) throws Exception {
        ViewDefinition view = Views.byName(request.view());
        SnapshotManifest snapshot = snapshotOf(snapshots, request, view);
        DynamoTarget target = request.target();
        RebuildId id = RebuildId.of(target.table(), snapshot.id());
        if (importer.isPresent()) { // before any work: ImportTable creates the table, and reads from S3 only
            importer.get().requireReadable(importDirectory(view, id));
            try (DynamoDbClient client = target.driverClient()) {
                refuseExistingForImport(client, target.table());
            }
        }
        requireArchiveFiles(spark, request, view, snapshot);
        try (LeaseKeeper lease = leasing.take(LeaseNames.table(target.table()), "rebuild " + id)) {
            return run(request, view, snapshot, id, lease, importer);
        }
    }

    /** Unless {@code --allow-empty}, before the table and the catalog entry: a mistyped root writes nothing. */
    static void requireArchiveFiles(SparkSession spark, RebuildRequest request, ViewDefinition view,
                                    SnapshotManifest snapshot)
            throws IOException {
        Recomputation.requireArchiveFiles(spark, request.archive(), view, snapshot, request.allowEmpty());
    }

    /** The request's snapshot, or the latest; it must have been made by this definition of the view. */
    static SnapshotManifest snapshotOf(SnapshotStore snapshots, RebuildRequest request, ViewDefinition view)
            throws IOException {
        return Recomputation.snapshotOf(snapshots, view, request.snapshot());
    }

    /** Under the table's lease, taken before anything is written (CONTRACT.md §6.10). */
    private RebuildOutcome run(RebuildRequest request, ViewDefinition view, SnapshotManifest snapshot, RebuildId id,
                               LeaseKeeper lease, Optional<TableImport> importer)
            throws Exception {
        DynamoTarget target = request.target();
        try (DynamoDbClient client = target.driverClient()) {
            Optional<TableDescription> existing = TableSetup.describe(client, target.table());
            refuseForeignTable(client, id, view.name(), existing.isPresent());
            if (importer.isPresent()) {
                refuseExistingForImport(client, target.table()); // again, under the lease
            } else if (existing.isPresent()) { // used as it is, whatever its capacity, if it has the view's keys and indexes
                refuseOtherKeys(existing.get(), target.table(), view);
            } else {
                TableSetup.create(client, target.table(), view.table(), request.provisioned());
            }
        }
        catalog.begin(RebuildEntry.loading(id, view.name(), request.archive(), snapshot.position().watermark(),
                clock.instant()));
        log.info("rebuild {}: snapshot {} of view {} + archive {} into table {}", id, snapshot.id(), view.name(),
                request.archive(), target.table());

        try (Recomputation recomputed = Recomputation.of(spark, snapshots, request.archive(), view, snapshot,
                request.allowGaps(), clock)) {
            ArchiveScan scan = recomputed.scan();
            FoldOutput fold = recomputed.fold();
            Optional<ImportLoad> imported = importer.isPresent()
                    ? Optional.of(ImportLoad.run(spark, fold.items(), importDirectory(view, id), importer.get(),
                            TableSetup.request(target.table(), view.table(), request.provisioned())))
                    : Optional.empty();
            WriteSummary writes = imported.isPresent() ? imported.get().asWrites()
                    : write(fold.items(), target,
                            recomputed.nothingNew() ? Optional.of(snapshot.counts().items()) : Optional.empty());
            String rejectedDir = snapshots.rebuildDirectory(view.name(), id.value()) + "/"
                    + SnapshotManifest.REJECTED_DIR; // as in a snapshot's directory
            Map<RejectReason, Long> rejected = recomputed.nothingNew()
                    ? RejectedLines.writeNone(spark.sparkContext().hadoopConfiguration(), rejectedDir)
                    : RejectedLines.write(spark, ArchiveRoot.of(request.archive()).toString(), scan.rejects(),
                            fold.rejects(), rejectedDir);
            writes.rejected()
                    .forEach(item -> log.warn("item {} left out: {} bytes, over DynamoDB's item size limit",
                            item.keyJson(), item.sizeBytes()));
            lease.check(); // a run whose lease was taken over must not mark LOADED what another run loads
            RebuildEntry loaded = catalog.markLoaded(id, counts(writes, fold, rejected, imported),
                    scan.position().watermark());
            log.info("rebuild {} LOADED: {} items {}; handoff {}", id, writes.itemsWritten(),
                    imported.map(i -> "by import " + i.result().importArn())
                            .orElse("in " + writes.writeCalls() + " write calls"),
                    scan.position().watermark());
            return new RebuildOutcome(loaded, writes, scan.summary(), fold.applied(), fold.duplicates(),
                    fold.skipped(), rejected, rejectedDir, imported);
        }
    }

    /**
     * Every item ({@code known} of them, when known without counting), in BatchWriteItem calls from as many writer tasks as the session runs at once, each running
     * {@link DynamoTarget#writersPerTask()} writers; a write rate is shared out among the tasks, and each task's
     * writers take its share in turn.
     */
    private WriteSummary write(Dataset<Row> items, DynamoTarget target, Optional<Long> known) {
        int writers = spark.sparkContext().defaultParallelism();
        DynamoTarget shared = target.withWrite(target.write().sharedBy(writers)); // a task's writers share its rate
        if (JobCounters.attached(spark)) { // progress lines say how many of how many: unless the snapshot's count
            // is the answer (nothing new), one more pass, to count
            JobCounters.counter(spark, JobCounters.ITEMS_TO_WRITE).add(known.orElseGet(items::count));
        }
        ItemWriteTask task = new ItemWriteTask(shared, JobCounters.counter(spark, JobCounters.ITEMS_WRITTEN),
                JobCounters.counter(spark, JobCounters.WRITE_RETRIES));
        return WriterTasks.split(items, writers).mapPartitions(task).collect().stream()
                .reduce(WriteSummary.EMPTY, WriteSummary::plus);
    }

    /** Where {@code rebuild --import} writes its files: {@code import/} in the rebuild's area, beside rejected/. */
    private String importDirectory(ViewDefinition view, RebuildId id) {
        return snapshots.rebuildDirectory(view.name(), id.value()) + "/" + IMPORT_DIR;
    }

    /** ImportTable creates the table: one that exists, whatever it holds, is not for {@code --import}. */
    private static void refuseExistingForImport(DynamoDbClient client, String table) {
        if (TableSetup.describe(client, table).isPresent()) {
            throw new IllegalStateException("table " + table + " exists: rebuild --import creates its table with "
                    + "DynamoDB's ImportTable, which needs a new one. Choose another --table, delete this one, or "
                    + "rebuild without --import");
        }
    }

    /**
     * The entry's counts: the writes, the fold, the rejects by reason ({@code rejected.<reason>}) and, for an
     * import, what it reported ({@code importProcessedItems}, {@code importErrors}, {@code importBytes}).
     */
    private static Map<String, Long> counts(WriteSummary writes, FoldOutput fold, Map<RejectReason, Long> rejected,
                                            Optional<ImportLoad> imported) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("items", writes.itemsWritten());
        counts.put("writeCalls", writes.writeCalls());
        counts.put("unprocessedRetried", writes.unprocessedRetried());
        counts.put("throttleRetries", writes.throttleRetries());
        counts.put("serverErrorRetries", writes.serverErrorRetries());
        counts.put("itemTooLarge", (long) writes.rejected().size());
        counts.put("eventsApplied", fold.applied());
        counts.put("duplicateEvents", fold.duplicates());
        counts.put("skipped", fold.skipped());
        rejected.forEach((reason, n) -> counts.put("rejected." + reason.code(), n));
        counts.put("rejected", RebuildOutcome.totalRejected(rejected, writes));
        imported.ifPresent(i -> {
            counts.put("importProcessedItems", i.result().processedItems());
            counts.put("importErrors", i.result().errors());
            counts.put("importBytes", i.result().processedBytes());
        });
        return counts;
    }

    /** Before anything is written: an existing table must have the view's keys and indexes. */
    private static void refuseOtherKeys(TableDescription existing, String table, ViewDefinition view) {
        List<String> differences = TableSchemas.differences(existing, view.table());
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the table " + table + " does not fit view " + view.name() + ": "
                    + String.join("; ", differences) + ". Rebuild into a new table (--table), or delete this one");
        }
    }

    /**
     * Before anything is written: a table of another view, one a live updater has written to, or one reproject
     * did not load and that holds items, is not this rebuild's to fill.
     */
    private void refuseForeignTable(DynamoDbClient client, RebuildId id, String view, boolean exists) {
        String table = id.table();
        List<RebuildEntry> entries = catalog.entriesForTable(table);
        for (RebuildEntry entry : entries) {
            if (!entry.view().equals(view)) {
                throw new IllegalStateException("table " + table + " holds view " + entry.view() + " (rebuild "
                        + entry.id().value() + "), not " + view + ": choose another --table");
            }
            if (entry.liveStarted()) {
                throw CatalogRules.liveTable(id, entry);
            }
        }
        if (entries.isEmpty() && exists && !TableSetup.isEmpty(client, table)) {
            throw new IllegalStateException("table " + table + " exists, holds items and was not loaded by reproject "
                    + "(no catalog entry): choose another --table");
        }
    }
}
