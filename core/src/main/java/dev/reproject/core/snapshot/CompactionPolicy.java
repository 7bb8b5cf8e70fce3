package dev.reproject.core.snapshot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When an incremental snapshot run rewrites every row into one new base instead of adding a layer (CONTRACT.md
 * §5.5): when the parent has {@code maxLayers} layers already, or its layers above the base hold more than {@code
 * maxLayerRatio} times the base's bytes. Readers scan every layer, so both bound what a layer costs them.
 *
 * @param maxLayers     the most layers a snapshot may have, its base included; 1 compacts every run
 * @param maxLayerRatio the most bytes the layers above the base may hold, as a fraction of the base's bytes
 */
public record CompactionPolicy(int maxLayers, double maxLayerRatio) {

    public static final int DEFAULT_MAX_LAYERS = 8;
    public static final double DEFAULT_MAX_LAYER_RATIO = 0.5;
    public static final CompactionPolicy DEFAULT = new CompactionPolicy(DEFAULT_MAX_LAYERS, DEFAULT_MAX_LAYER_RATIO);

    public CompactionPolicy {
        if (maxLayers < 1) {
            throw new IllegalArgumentException("--max-layers must be 1 or more, was " + maxLayers);
        }
        if (!(maxLayerRatio >= 0) || Double.isInfinite(maxLayerRatio)) {
            throw new IllegalArgumentException("--max-layer-ratio must be a number of 0 or more, was " + maxLayerRatio);
        }
    }

    /**
     * @param parentLayers the parent snapshot's layers, newest first, its base last
     * @return why the run continuing it must compact, or empty when it adds a layer
     */
    public Optional<String> compactReason(List<SnapshotLayer> parentLayers) {
        if (parentLayers.isEmpty()) {
            throw new IllegalArgumentException("a snapshot has at least one layer");
        }
        if (parentLayers.size() >= maxLayers) {
            return Optional
                    .of("the parent has " + parentLayers.size() + " layer" + (parentLayers.size() == 1 ? "" : "s")
                            + ", one more would exceed --max-layers " + maxLayers);
        }
        SnapshotLayer base = parentLayers.get(parentLayers.size() - 1);
        List<SnapshotLayer> above = parentLayers.subList(0, parentLayers.size() - 1);
        if (!base.bytesKnown() || above.stream().anyMatch(l -> !l.bytesKnown())) {
            return Optional.empty(); // a base written before layers: the count alone bounds them
        }
        long aboveBytes = above.stream().mapToLong(SnapshotLayer::bytes).sum();
        if (aboveBytes > maxLayerRatio * base.bytes()) {
            return Optional.of(String.format(Locale.ROOT,
                    "the parent's layers above its base hold %,d bytes, more than --max-layer-ratio %s of the "
                            + "base's %,d",
                    aboveBytes, maxLayerRatio, base.bytes()));
        }
        return Optional.empty();
    }
}
