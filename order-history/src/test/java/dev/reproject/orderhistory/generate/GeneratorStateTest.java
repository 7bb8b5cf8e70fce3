package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.connect.ArchiveLayout;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorStateTest {

    @Test
    void readsBackWhatItWrites() {
        GeneratorState state = new GeneratorState(new ArchiveShape(7, 50, 3, ArchiveLayout.HOURLY, true, 100), 2, 1_234,
                OrderPlan.START_MILLIS + 1_234_567, List.of(10L, 0L, 7L), 2_500);

        String json = new String(state.toJson(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"windowEnd\" : \"2026-11-01T00:20:34.567Z\"", "\"layout\" : \"HOURLY\"",
                "\"nextOffsets\" : [ 10, 0, 7 ]");
        assertThat(GeneratorState.fromJson(state.toJson(), "x")).isEqualTo(state);
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatThrownBy(
                () -> GeneratorState.fromJson("{\"seed\":1}".getBytes(StandardCharsets.UTF_8), "s3://b/state"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s3://b/state")
                .hasMessageContaining("not written by");
        assertThatThrownBy(() -> GeneratorState.fromJson("not json".getBytes(StandardCharsets.UTF_8), "here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("here");
        String noOffsets = new String(
                GeneratorState.initial(new ArchiveShape(1, 1, 1, ArchiveLayout.PARTITION, false, 1))
                        .toJson(),
                StandardCharsets.UTF_8).replace("\"nextOffsets\"", "\"other\"");
        assertThatThrownBy(() -> GeneratorState.fromJson(noOffsets.getBytes(StandardCharsets.UTF_8), "here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nextOffsets");
    }
}
