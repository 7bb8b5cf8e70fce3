package dev.reproject.core.catalog;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A catalog that passes every call on, for tests that change what one call does. Shipped in core's test jar. */
public class ForwardingCatalog implements RebuildCatalog {

    private final RebuildCatalog catalog;

    public ForwardingCatalog(RebuildCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void begin(RebuildEntry entry) {
        catalog.begin(entry);
    }

    @Override
    public RebuildEntry markLoaded(RebuildId id, Map<String, Long> counts, Watermark handoff) {
        return catalog.markLoaded(id, counts, handoff);
    }

    @Override
    public RebuildEntry updateLive(RebuildId id, Map<SourcePartition, LivePosition> positions) {
        return catalog.updateLive(id, positions);
    }

    @Override
    public RebuildEntry recordVerify(RebuildId id, VerifySummary summary) {
        return catalog.recordVerify(id, summary);
    }

    @Override
    public RebuildEntry retire(RebuildId id) {
        return catalog.retire(id);
    }

    @Override
    public Optional<RebuildEntry> get(RebuildId id) {
        return catalog.get(id);
    }

    @Override
    public List<RebuildEntry> entriesForTable(String table) {
        return catalog.entriesForTable(table);
    }

    @Override
    public List<RebuildEntry> all() {
        return catalog.all();
    }
}
