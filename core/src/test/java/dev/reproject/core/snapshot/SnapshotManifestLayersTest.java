package dev.reproject.core.snapshot;

import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotManifestLayersTest {

    private static final SnapshotId S1 = new SnapshotId("20261201T000000.000Z");
    private static final SnapshotId S2 = new SnapshotId("20261202T000000.000Z");
    private static final SnapshotId S3 = new SnapshotId("20261203T000000.000Z");

    @Test
    void the_layers_survive_the_json_newest_first() {
        SnapshotManifest m = manifest(S3, 7).withLayers(List.of(new SnapshotLayer(S3, 2, 300),
                new SnapshotLayer(S2, 3, 400), new SnapshotLayer(S1, 5, 1_000)));

        SnapshotManifest read = ManifestJson.read(ManifestJson.write(m));

        assertThat(read).isEqualTo(m);
        assertThat(read.layerIds()).containsExactly(S3, S2, S1);
        assertThat(read.layered()).isTrue();
    }

    @Test
    void a_manifest_written_before_layers_reads_as_its_own_data_alone() {
        String old = ManifestJson.write(manifest(S2, 7)).replaceAll(",\\s*\"layers\"\\s*:\\s*\\[[^]]*]", "");
        assertThat(old).doesNotContain("layers");

        SnapshotManifest read = ManifestJson.read(old);

        assertThat(read.layers()).containsExactly(new SnapshotLayer(S2, 7, SnapshotLayer.UNKNOWN));
        assertThat(read.layered()).isFalse();
    }

    @Test
    void the_first_layer_is_the_snapshot_itself_and_the_others_are_older() {
        SnapshotManifest m = manifest(S2, 1);

        assertThatThrownBy(() -> m.withLayers(List.of(new SnapshotLayer(S1, 1, 1))))
                .hasMessageContaining("its first layer must be its own data");
        assertThatThrownBy(() -> m.withLayers(List.of(new SnapshotLayer(S2, 1, 1), new SnapshotLayer(S3, 1, 1))))
                .hasMessageContaining("layers must be newest first");
    }

    private static SnapshotManifest manifest(SnapshotId id, long items) {
        return new SnapshotManifest(id, "v", "fp", Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"), "archive",
                new ArchivePosition(Watermark.empty(), Map.of()), List.of(),
                new SnapshotCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), items), SnapshotManifest.DATA_DIR,
                SnapshotManifest.REJECTED_DIR);
    }
}
