package dev.reproject.snapshot.prune;

import dev.reproject.core.snapshot.PrunePlan;
import dev.reproject.core.snapshot.SnapshotId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code prune} did.
 *
 * @param view    the view
 * @param root    the snapshots root
 * @param keep    {@code --keep}
 * @param plan    what was kept, and why
 * @param deleted the snapshots deleted (with {@code --dry-run}: to be deleted), oldest first
 * @param dryRun  whether nothing was deleted on purpose
 */
public record PruneOutcome(String view, String root, int keep, PrunePlan plan, List<SnapshotId> deleted,
                           boolean dryRun) {

    public PruneOutcome {
        deleted = List.copyOf(deleted);
    }

    /** One line per snapshot, newest first, for a person. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("prune of view " + view + "'s snapshots under " + root + ", keeping the newest " + keep
                + (dryRun ? " (dry run: nothing deleted)" : "") + ":");
        plan.kept().forEach(id -> lines.add("  kept     " + id + "  among the newest " + keep));
        Map<SnapshotId, String> beyond = new TreeMap<>((a, b) -> b.compareTo(a));
        plan.inUse().forEach((id, by) -> beyond.put(id, "  kept     " + id + "  in use: " + String.join(", ", by)));
        plan.layerOf().forEach((id, by) -> beyond.put(id, "  kept     " + id + "  a layer of " + String.join(", ",
                by.stream().map(SnapshotId::value).toList())));
        deleted.forEach(id -> beyond.put(id, (dryRun ? "  to delete " : "  deleted  ") + id));
        lines.addAll(beyond.values());
        if (plan.kept().isEmpty()) {
            lines.add("  no committed snapshot");
        }
        return lines;
    }

    /** For {@code prune --json}. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("view", view);
        out.put("snapshotsRoot", root);
        out.put("keep", keep);
        out.put("kept", plan.kept().stream().map(SnapshotId::value).toList());
        Map<String, List<String>> inUse = new TreeMap<>();
        plan.inUse().forEach((id, by) -> inUse.put(id.value(), by));
        out.put("inUse", inUse);
        Map<String, List<String>> layerOf = new TreeMap<>();
        plan.layerOf().forEach((id, by) -> layerOf.put(id.value(), by.stream().map(SnapshotId::value).toList()));
        out.put("layerOf", layerOf);
        out.put(dryRun ? "toDelete" : "deleted", deleted.stream().map(SnapshotId::value).toList());
        out.put("dryRun", dryRun);
        return out;
    }
}
