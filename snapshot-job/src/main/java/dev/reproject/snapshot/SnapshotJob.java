package dev.reproject.snapshot;

import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.lease.LeaseKeeper;
import dev.reproject.core.lease.LeaseNames;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.snapshot.CompactionPolicy;
import dev.reproject.core.snapshot.SnapshotCounts;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotLayer;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.archive.ArchiveGuard;
import dev.reproject.spark.archive.ArchiveReader;
import dev.reproject.spark.archive.ArchiveScan;
import dev.reproject.spark.archive.ScanSummary;
import dev.reproject.spark.fold.FoldOutput;
import dev.reproject.spark.fold.FoldRows;
import dev.reproject.spark.fold.ScannedUpdates;
import dev.reproject.spark.fold.ViewFold;
import dev.reproject.spark.reject.RejectedLines;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Step 1 (CONTRACT.md §5): the latest committed snapshot + the records archived beyond its watermark → a new
 * snapshot, committed by its manifest, written last. It writes the rows of the keys the new records touch as a new
 * layer over the parent's layers, or, when the parent has too many layers ({@link CompactionPolicy}) or {@code
 * --compact} asks, every row as one new base (CONTRACT.md §5.5). With nothing new archived it commits nothing; with no file of
 * the view's topics under the root at all it stops (a mistyped root, {@link ArchiveGuard}) unless asked to go on.
 */
public final class SnapshotJob {

    private static final Logger log = LoggerFactory.getLogger(SnapshotJob.class);

    private final SparkSession spark;
    private final SnapshotStore store;
    private final Leasing leasing;
    private final Clock clock;

    public SnapshotJob(SparkSession spark, SnapshotStore store, Leasing leasing, Clock clock) {
        this.spark = spark;
        this.store = store;
        this.leasing = leasing;
        this.clock = clock;
    }

    /**
     * Runs under the lease of the view's snapshots in this store (CONTRACT.md §6.10), taken before the latest
     * snapshot is read: two runs never continue the same parent, and a run whose lease was taken over commits
     * nothing.
     *
     * @throws dev.reproject.core.error.BusyException     when another run holds the lease, or took it over
     * @throws dev.reproject.core.error.NotFoundException when the root holds no file of the view's topics and the
     *                                                    request does not allow an empty archive
     */
    public SnapshotOutcome run(SnapshotRequest request) throws Exception {
        ViewDefinition view = Views.byName(request.view());
        try (LeaseKeeper lease = leasing.take(LeaseNames.snapshots(view.name(), store.root().toString()),
                "snapshot of view " + view.name() + " into " + store.root())) {
            return run(request, view, lease);
        }
    }

    private SnapshotOutcome run(SnapshotRequest request, ViewDefinition view, LeaseKeeper lease) throws Exception {
        Optional<SnapshotManifest> parent = request.full() ? Optional.empty() : store.latest(view.name());
        parent.ifPresent(p -> requireSameDefinition(p, view));
        ArchivePosition from = parent.map(SnapshotManifest::position).orElse(ArchivePosition.beginning());
        Instant started = clock.instant();
        log.info("snapshot of view {} from {}: {}", view.name(), request.archive(),
                parent.map(p -> "continuing snapshot " + p.id()).orElse("full run"));

        long t0 = System.nanoTime();
        try (ArchiveScan scan = new ArchiveReader(spark, ArchiveRoot.of(request.archive()), clock)
                .scan(view.topics(), from, request.allowGaps(), ScannedUpdates.of(view.name()))) {
            ScanSummary read = scan.summary();
            log.info("read {} records from {} files in {} ms", read.records(), read.filesOpened(), ms(t0));
            if (!request.allowEmpty()) {
                ArchiveGuard.requireFiles(read.filesListed(), ArchiveRoot.of(request.archive()), view.topics(),
                        parent);
            }
            if (parent.isPresent() && read.records() == 0 && read.watermark().equals(from.watermark())) {
                log.info("nothing archived beyond snapshot {}: nothing committed", parent.get().id());
                return new SnapshotOutcome.NothingNew(parent.get(), read);
            }
            SnapshotId id = SnapshotId.next(started,
                    Stream.of(store.highestId(view.name()), parent.map(SnapshotManifest::id))
                            .flatMap(Optional::stream).max(SnapshotId::compareTo));
            String dir = store.directory(view.name(), id);
            Optional<String> compaction = parent.flatMap(p -> compactReason(request, p));
            boolean layered = parent.isPresent() && compaction.isEmpty();
            compaction.ifPresent(why -> log.info("compacting snapshot {} into one base: {}", parent.get().id(), why));
            Optional<SnapshotRows> parentRows = parent.isEmpty() ? Optional.empty()
                    : Optional.of(SnapshotRows.open(spark, store, parent.get()));

            long t1 = System.nanoTime();
            try (FoldOutput fold = ViewFold.foldUpdates(scan.records(), parentRows, view.name(),
                    layered ? ViewFold.Output.TOUCHED_KEYS : ViewFold.Output.EVERY_KEY)) {
                log.info("folded {} updates in {} ms; writing snapshot {} to {}{}", fold.applied(), ms(t1), id, dir,
                        layered ? " as a layer over " + parent.get().id() : "");
                long t2 = System.nanoTime();
                String data = dir + "/" + SnapshotManifest.DATA_DIR;
                fold.items().coalesce(spark.sparkContext().defaultParallelism()).write().parquet(data);
                Map<RejectReason, Long> rejected = RejectedLines.write(spark,
                        ArchiveRoot.of(request.archive()).toString(),
                        scan.rejects(), fold.rejects(), dir + "/" + SnapshotManifest.REJECTED_DIR);
                log.info("wrote items and rejects in {} ms", ms(t2));

                // a layer's rows are the fold's own; every key's are counted from the files' footers
                SnapshotLayer own = new SnapshotLayer(id, layered ? fold.foldedRows() : rowCount(data),
                        store.dataBytes(data));
                List<SnapshotLayer> layers = new ArrayList<>(List.of(own));
                long items = own.rows();
                if (layered) { // the layer's rows replace the parent's of the same keys, and add the new keys'
                    layers.addAll(parent.get().layers());
                    items = parent.get().counts().items() + own.rows() - fold.parentRows();
                }
                SnapshotCounts counts = new SnapshotCounts(read.filesListed(), read.filesCovered(), read.filesOpened(),
                        read.records(), read.events(), fold.applied(), fold.skipped(), read.duplicates(),
                        fold.duplicates(), read.deferred(), rejected, items);
                SnapshotManifest manifest = new SnapshotManifest(id, view.name(), view.fingerprint(),
                        parent.map(SnapshotManifest::id), started, request.archive(), scan.position(), read.holes(),
                        counts, SnapshotManifest.DATA_DIR, SnapshotManifest.REJECTED_DIR, layers);
                lease.check();
                store.commit(manifest);
                log.info("committed snapshot {}: {} items, {} rows written in {} layer{}", id, counts.items(),
                        own.rows(), layers.size(), layers.size() == 1 ? "" : "s");
                return new SnapshotOutcome.Committed(manifest);
            }
        }
    }

    /** Why a run continuing {@code parent} rewrites every row instead of adding a layer, if it does. */
    private static Optional<String> compactReason(SnapshotRequest request, SnapshotManifest parent) {
        if (request.compact()) {
            return Optional.of("--compact");
        }
        return request.compaction().compactReason(parent.layers());
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void requireSameDefinition(SnapshotManifest parent, ViewDefinition view) {
        if (!parent.fingerprint().equals(view.fingerprint())) {
            throw new IllegalStateException(
                    "the latest snapshot " + parent.id() + " was made by another definition of view "
                            + view.name() + " (fingerprint " + parent.fingerprint() + ", now " + view.fingerprint()
                            + "): it cannot be continued; run the snapshot with --full");
        }
    }

    /** The rows of a data directory just written, from its Parquet footers. */
    private long rowCount(String data) {
        return spark.read().schema(FoldRows.SNAPSHOT_SCHEMA).parquet(data).count();
    }
}
