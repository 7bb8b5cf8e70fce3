package dev.reproject.cli;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportsTest {

    @Test
    void summary_listsFewPartitions_andRangesMany() {
        Map<SourcePartition, Long> offsets = new HashMap<>(Map.of(new SourcePartition("a", 0), 41L,
                new SourcePartition("a", 1), 7L));
        for (int p = 0; p < 12; p++) {
            offsets.put(new SourcePartition("b", p), 100L + p);
        }

        assertThat(StatusReports.summary(Watermark.of(offsets)))
                .isEqualTo("a 0:41 1:7; b 12 partitions, offsets 100..111");
        assertThat(StatusReports.summary(Watermark.empty())).isEqualTo("(empty)");
    }

    @Test
    void isRegistered_withHelp() {
        CliRun help = CliRun.run("status", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--snapshots").contains("--catalog-table").contains("--json");
    }
}
