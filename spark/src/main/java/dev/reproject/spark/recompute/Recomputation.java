package dev.reproject.spark.recompute;

import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.archive.ArchiveGuard;
import dev.reproject.spark.archive.ArchiveReader;
import dev.reproject.spark.archive.ArchiveScan;
import dev.reproject.spark.fold.FoldOutput;
import dev.reproject.spark.fold.ScannedUpdates;
import dev.reproject.spark.fold.ViewFold;
import dev.reproject.spark.snapshot.SnapshotRows;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * A view recomputed from a snapshot and the records archived beyond its watermark (CONTRACT.md §6.1, step 3): the
 * read and fold that {@code rebuild} loads into a table and {@code verify} compares a table with, so that both see
 * the same rows. {@link #close()} frees the cached stages of the fold and of the read.
 */
public final class Recomputation implements AutoCloseable {

    private final SnapshotManifest snapshot;
    private final ArchiveScan scan;
    private final FoldOutput fold;

    private Recomputation(SnapshotManifest snapshot, ArchiveScan scan, FoldOutput fold) {
        this.snapshot = snapshot;
        this.scan = scan;
        this.fold = fold;
    }

    /** The snapshot given, or the latest; it must have been made by this definition of the view. */
    public static SnapshotManifest snapshotOf(SnapshotStore snapshots, ViewDefinition view,
                                              Optional<SnapshotId> requested)
            throws IOException {
        SnapshotManifest snapshot = requested.isPresent()
                ? snapshots.read(view.name(), requested.get())
                : snapshots.latest(view.name()).orElseThrow(() -> new NotFoundException("no committed snapshot of view "
                        + view.name() + " under " + snapshots.root() + ": run snapshot first"));
        if (!snapshot.fingerprint().equals(view.fingerprint())) {
            throw new IllegalStateException("snapshot " + snapshot.id() + " was made by another definition of view "
                    + view.name() + ": run snapshot --full with this one first");
        }
        return snapshot;
    }

    /**
     * Unless {@code allowEmpty}, that the root holds a file of the view's topics: a mistyped root would otherwise
     * give the snapshot alone, and look fine (exit 4, before anything is written).
     */
    public static void requireArchiveFiles(SparkSession spark, String archive, ViewDefinition view,
                                           SnapshotManifest snapshot, boolean allowEmpty)
            throws IOException {
        if (!allowEmpty) {
            ArchiveGuard.requireFiles(spark, ArchiveRoot.of(archive), view.topics(), Optional.of(snapshot));
        }
    }

    /** Reads the archive beyond {@code snapshot}'s watermark and folds it into the snapshot's rows. */
    public static Recomputation of(SparkSession spark, SnapshotStore snapshots, String archive, ViewDefinition view,
                                   SnapshotManifest snapshot, boolean allowGaps, Clock clock)
            throws IOException {
        ArchiveScan scan = new ArchiveReader(spark, ArchiveRoot.of(archive), clock)
                .scan(view.topics(), snapshot.position(), allowGaps, ScannedUpdates.of(view.name()));
        try {
            SnapshotRows parent = SnapshotRows.open(spark, snapshots, snapshot); // every layer (CONTRACT.md §5.5)
            if (nothingNew(scan)) { // the fold of no events is the snapshot's rows: no Spark action to find that
                return new Recomputation(snapshot, scan, new FoldOutput(parent.all().select(col("key"), col("item")),
                        scan.rejects().drop("raw"), 0, 0, 0, 0, 0, () -> {
                        }));
            }
            return new Recomputation(snapshot, scan, ViewFold.foldUpdates(scan.records(), Optional.of(parent),
                    view.name(), ViewFold.Output.EVERY_KEY));
        } catch (RuntimeException | IOException e) {
            scan.close();
            throw e;
        }
    }

    /**
     * Whether nothing was archived beyond the snapshot: the scan opened no file, so it has no events and no
     * rejects, and the view is the snapshot's rows as they are.
     */
    public boolean nothingNew() {
        return nothingNew(scan);
    }

    private static boolean nothingNew(ArchiveScan scan) {
        return scan.summary().filesOpened() == 0;
    }

    public SnapshotManifest snapshot() {
        return snapshot;
    }

    /** The read of the archive beyond the snapshot: its summary, rejects and the position (watermark) it reached. */
    public ArchiveScan scan() {
        return scan;
    }

    /** The fold: its items (key, item — every key of the snapshot and of the new events), rejects and counts. */
    public FoldOutput fold() {
        return fold;
    }

    /** One row per view key: {@code key} and {@code item}, both DynamoDB JSON. */
    public Dataset<Row> items() {
        return fold.items();
    }

    @Override
    public void close() {
        try {
            fold.close();
        } finally {
            scan.close();
        }
    }
}
