package dev.reproject.rebuild;

import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.Views;
import dev.reproject.spark.recompute.Recomputation;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;

import java.time.Clock;

/**
 * {@code rebuild --dry-run}: what {@link RebuildJob#run} would do, found by the same read and fold, without writing
 * anything anywhere and without a lease or DynamoDB — the snapshot, the read of the archive beyond it, and the
 * items with their bytes, write units and {@code BatchWriteItem} calls, shared out over the writer tasks and
 * their writers as the rebuild would share them.
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

    /**
     * @param importFiles whether to measure {@code rebuild --import}'s files too (their bytes; 0 otherwise): each
     *                    item is then written out as its import line once more
     */
    public RebuildPlan plan(RebuildRequest request, boolean importFiles) throws Exception {
        ViewDefinition view = Views.byName(request.view());
        SnapshotManifest snapshot = RebuildJob.snapshotOf(snapshots, request, view);
        RebuildJob.requireArchiveFiles(spark, request, view, snapshot);
        try (Recomputation recomputed = Recomputation.of(spark, snapshots, request.archive(), view, snapshot,
                request.allowGaps(), clock)) {
            // split into writer tasks, and each task's items among its writers, as the rebuild does
            PlanFigures load = WriterTasks.split(recomputed.items(), spark.sparkContext().defaultParallelism())
                    .mapPartitions(new PlanTask(view.name(), request.target().writersPerTask(), importFiles))
                    .collect().stream().reduce(PlanFigures.NONE, PlanFigures::plus);
            return new RebuildPlan(request.target().table(), snapshot, recomputed.scan().summary(), load);
        }
    }
}
