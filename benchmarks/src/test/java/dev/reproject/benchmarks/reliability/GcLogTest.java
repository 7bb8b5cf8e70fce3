package dev.reproject.benchmarks.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogTest {

    @Test
    void thePeakIsTheLargestHeapAfterACollection(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("run.gc"), """
                [0.004s][info][gc] Using G1
                [0.912s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.456ms
                [2.100s][info][gc] GC(1) Pause Young (Concurrent Start) (Metadata GC Threshold) 120M->88M(380M) 9.1ms
                [2.200s][info][gc] GC(2) Concurrent Mark Cycle
                [3.300s][info][gc] GC(3) Pause Full (System.gc()) 1G->512K(1G) 40.0ms
                """);

        GcLog.Peak peak = GcLog.peak(log);

        assertThat(peak.afterGc()).isEqualTo(88L << 20);
        assertThat(peak.beforeGc()).isEqualTo(1L << 30);
        assertThat(peak.committed()).isEqualTo(1L << 30);
        assertThat(peak.collections()).isEqualTo(3);
    }

    @Test
    void aJvmThatNeverCollectedOrLeftNoLogHasNoPeak(@TempDir Path dir) {
        assertThat(GcLog.peak(dir.resolve("missing.gc"))).isEqualTo(GcLog.Peak.NONE);
    }
}
