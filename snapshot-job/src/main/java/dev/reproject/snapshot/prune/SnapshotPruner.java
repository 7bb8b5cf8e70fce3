package dev.reproject.snapshot.prune;

import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.error.RefusedException;
import dev.reproject.core.lease.LeaseKeeper;
import dev.reproject.core.lease.LeaseNames;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.snapshot.PrunePlan;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code reproject prune}: deletes a view's snapshots beyond the newest {@code --keep}, but none a rebuild still
 * needs ({@link PrunePlan}) and none whose data a kept snapshot reads as a layer, under the lease of the view's snapshots in the store, so that no snapshot run lists or
 * commits meanwhile. Without Spark: the store is read and written through Hadoop's file systems.
 */
public final class SnapshotPruner {

    private static final Logger log = LoggerFactory.getLogger(SnapshotPruner.class);

    private final SnapshotStore store;
    private final RebuildCatalog catalog;
    private final Leasing leasing;

    public SnapshotPruner(SnapshotStore store, RebuildCatalog catalog, Leasing leasing) {
        this.store = store;
        this.catalog = catalog;
        this.leasing = leasing;
    }

    /**
     * @throws RefusedException when there are snapshots beyond {@code keep} and every one is in use, naming them;
     *                          nothing was deleted
     */
    public PruneOutcome prune(String view, int keep, boolean dryRun) throws IOException {
        try (LeaseKeeper lease = leasing.take(LeaseNames.snapshots(view, store.root().toString()),
                "prune of view " + view + "'s snapshots in " + store.root())) {
            List<RebuildEntry> rebuilds = catalog.all().stream().filter(e -> e.view().equals(view)).toList();
            Map<SnapshotId, List<SnapshotId>> layers = new TreeMap<>(); // a kept snapshot keeps those it reads
            for (SnapshotManifest manifest : store.list(view)) {
                layers.put(manifest.id(), manifest.layerIds());
            }
            PrunePlan plan = PrunePlan.of(layers, keep, rebuilds);
            if (plan.refused()) {
                throw new RefusedException("refusing to prune view " + view + "'s snapshots under " + store.root()
                        + ": every snapshot beyond --keep " + keep + " is one a rebuild still needs: "
                        + plan.inUseText() + (plan.layerOf().isEmpty() ? "" : ", or a layer of one: "
                                + plan.layerOfText())
                        + ". Retire those rebuilds first ('reproject retire')");
            }
            List<SnapshotId> deleted = new ArrayList<>();
            for (SnapshotId id : plan.toDelete()) {
                lease.check();
                if (!dryRun && store.delete(view, id)) {
                    log.info("prune: deleted snapshot {} of view {}", id, view);
                }
                deleted.add(id);
            }
            return new PruneOutcome(view, store.root().toString(), keep, plan, deleted, dryRun);
        }
    }
}
