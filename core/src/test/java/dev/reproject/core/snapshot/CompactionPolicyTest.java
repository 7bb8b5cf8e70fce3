package dev.reproject.core.snapshot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactionPolicyTest {

    private static final SnapshotId S1 = new SnapshotId("20261201T000000.000Z");
    private static final SnapshotId S2 = new SnapshotId("20261202T000000.000Z");
    private static final SnapshotId S3 = new SnapshotId("20261203T000000.000Z");

    @Test
    void a_run_compacts_when_one_more_layer_would_exceed_the_count() {
        CompactionPolicy three = new CompactionPolicy(3, 100);
        List<SnapshotLayer> two = List.of(layer(S2, 10), layer(S1, 1_000));
        List<SnapshotLayer> threeLayers = List.of(layer(S3, 10), layer(S2, 10), layer(S1, 1_000));

        assertThat(three.compactReason(two)).isEmpty();
        assertThat(three.compactReason(threeLayers)).hasValue("the parent has 3 layers, one more would exceed "
                + "--max-layers 3");
        assertThat(new CompactionPolicy(1, 100).compactReason(List.of(layer(S1, 1_000)))).isPresent();
    }

    @Test
    void a_run_compacts_when_the_layers_above_the_base_outweigh_the_ratio_of_its_bytes() {
        CompactionPolicy half = new CompactionPolicy(10, 0.5);

        assertThat(half.compactReason(List.of(layer(S1, 1_000)))).isEmpty();
        assertThat(half.compactReason(List.of(layer(S3, 250), layer(S2, 250), layer(S1, 1_000)))).isEmpty();
        assertThat(half.compactReason(List.of(layer(S3, 251), layer(S2, 250), layer(S1, 1_000))))
                .hasValue("the parent's layers above its base hold 501 bytes, more than --max-layer-ratio 0.5 of the "
                        + "base's 1,000");
        assertThat(new CompactionPolicy(10, 0).compactReason(List.of(layer(S2, 1), layer(S1, 1_000)))).isPresent();
    }

    @Test
    void a_base_written_before_layers_has_no_bytes_so_only_the_count_bounds_its_layers() {
        CompactionPolicy policy = new CompactionPolicy(3, 0.5);
        SnapshotLayer legacy = new SnapshotLayer(S1, 100, SnapshotLayer.UNKNOWN);

        assertThat(policy.compactReason(List.of(legacy))).isEmpty();
        assertThat(policy.compactReason(List.of(layer(S2, 5_000), legacy))).isEmpty();
        assertThat(policy.compactReason(List.of(layer(S3, 1), layer(S2, 1), legacy))).isPresent();
    }

    @Test
    void options_out_of_range_are_refused_naming_them() {
        assertThatThrownBy(() -> new CompactionPolicy(0, 0.5)).hasMessageContaining("--max-layers must be 1 or more");
        assertThatThrownBy(() -> new CompactionPolicy(8, -0.1)).hasMessageContaining("--max-layer-ratio");
        assertThatThrownBy(() -> new CompactionPolicy(8, Double.NaN)).hasMessageContaining("--max-layer-ratio");
    }

    private static SnapshotLayer layer(SnapshotId id, long bytes) {
        return new SnapshotLayer(id, 1, bytes);
    }
}
