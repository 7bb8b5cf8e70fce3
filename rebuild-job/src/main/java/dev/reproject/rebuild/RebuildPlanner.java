package dev.reproject.rebuild;

import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.archive.ArchiveReader;
import dev.reproject.spark.archive.ArchiveScan;
import dev.reproject.spark.fold.FoldOutput;
import dev.reproject.spark.fold.FoldRows;
import dev.reproject.spark.fold.ViewFold;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code rebuild --dry-run}: what {@link RebuildJob#run} would do, found by the same read and fold, without writing
 * anything anywhere and without a lease or DynamoDB — the snapshot, the read of the archive beyond it, and the
 * items with their bytes, write units and {@code BatchWriteItem} calls, shared out over as many writer tasks as
 * the rebuild would use.
 */
public final class RebuildPlanner {

    private final SparkSession spark;
    private final SnapshotStore snapshots;
    private final Clock clock;

    public RebuildPlanner(SparkSession spark, SnapshotStore snapshots, Clock clock) {
        this.spark = spark;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    public RebuildPlan plan(RebuildRequest request) throws Exception {
        ViewDefinition view = Views.byName(request.view());
        SnapshotManifest snapshot = RebuildJob.snapshotOf(snapshots, request, view);
        RebuildJob.requireArchiveFiles(spark, request, view, snapshot);
        try (ArchiveScan scan = new ArchiveReader(spark, ArchiveRoot.of(request.archive()), clock)
                .scan(view.topics(), snapshot.position(), request.allowGaps())) {
            Dataset<Row> parent = spark.read().schema(FoldRows.SNAPSHOT_SCHEMA)
                    .parquet(snapshots.directory(view.name(), snapshot.id()) + "/" + snapshot.data());
            try (FoldOutput fold = ViewFold.fold(scan.events(), Optional.of(parent), view.name())) {
                PlanFigures load = fold.items().repartition(spark.sparkContext().defaultParallelism())
                        .mapPartitions(new PlanTask(view.name()), Encoders.javaSerialization(PlanFigures.class))
                        .collectAsList().stream().reduce(PlanFigures.NONE, PlanFigures::plus);
                return new RebuildPlan(request.target().table(), snapshot, scan.summary(), load);
            }
        }
    }
}
