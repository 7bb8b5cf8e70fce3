package dev.reproject.lifecycle.retire;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code retire} did.
 *
 * @param entry         the entry as it is now, RETIRED
 * @param wasStatus     its status before: RETIRED when it was retired already
 * @param membersLeft   live updaters that were still in the rebuild's consumer group when it was marked, and left
 * @param tableDeleted  whether the table was deleted now (false: it was gone already, or kept)
 * @param tableKeptFor  the newer rebuild of the same table the table was kept for, if any
 * @param groupDeleted  whether the consumer group was deleted now (false: it was gone already)
 */
public record RetireOutcome(RebuildEntry entry, RebuildStatus wasStatus, int membersLeft, boolean tableDeleted,
                            Optional<RebuildId> tableKeptFor, boolean groupDeleted) {

    /** Whether this run changed nothing: retired already, table and group gone. */
    public boolean nothingToDo() {
        return wasStatus == RebuildStatus.RETIRED && !tableDeleted && !groupDeleted;
    }

    /** One line per thing done, for a person. */
    public List<String> lines() {
        RebuildId id = entry.id();
        String group = id.consumerGroup();
        List<String> lines = new ArrayList<>();
        if (nothingToDo()) {
            lines.add("retire " + id + ": nothing left to do: RETIRED since " + entry.updatedAt() + ", "
                    + tableKeptFor.map(other -> "table " + entry.table() + " kept for " + other)
                            .orElse("table " + entry.table() + " gone")
                    + ", consumer group " + group + " gone");
            return lines;
        }
        lines.add("retire " + id + ":");
        lines.add(wasStatus == RebuildStatus.RETIRED ? "  catalog entry: RETIRED already (since " + entry.updatedAt()
                + ")" : "  catalog entry: marked RETIRED (was " + wasStatus + ")");
        if (membersLeft > 0) {
            lines.add("  live updater: " + membersLeft + " process(es) stopped and left the consumer group");
        }
        lines.add("  table " + entry.table() + ": " + tableKeptFor.map(other -> "kept: newer rebuild " + other
                + " loaded it").orElse(tableDeleted ? "deleted" : "gone already"));
        lines.add("  consumer group " + group + ": " + (groupDeleted ? "deleted" : "gone already"));
        return lines;
    }

    /** For {@code retire --json}. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", entry.id().value());
        out.put("table", entry.table());
        out.put("status", entry.status().name());
        out.put("wasStatus", wasStatus.name());
        out.put("membersLeft", membersLeft);
        out.put("tableDeleted", tableDeleted);
        out.put("tableKeptFor", tableKeptFor.map(RebuildId::value).orElse(null));
        out.put("consumerGroup", entry.id().consumerGroup());
        out.put("groupDeleted", groupDeleted);
        out.put("nothingToDo", nothingToDo());
        return out;
    }
}
