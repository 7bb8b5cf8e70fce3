package dev.reproject.rebuild.cli;

import dev.reproject.core.archive.ArchivePosition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.snapshot.SnapshotCounts;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.rebuild.PlanFigures;
import dev.reproject.rebuild.RebuildPlan;
import dev.reproject.spark.archive.ScanSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DryRunReportsTest {

    private static final SnapshotId ID = new SnapshotId("20261207T041010.631Z");

    /**
     * 23,000 items of 9,976,399 bytes, each in the table and one index: 46,000 units; the demo-sized run's. As
     * import files: 16,106,127 bytes, 0.015 GB of 2^30 bytes (16,106,127.36).
     */
    private static RebuildPlan plan() {
        SnapshotCounts counts = new SnapshotCounts(36, 0, 36, 45_000, 44_000, 43_000, 0, 0, 0, 0, Map.of(), 22_000);
        SnapshotManifest snapshot = new SnapshotManifest(ID, "order-history", "fingerprint", Optional.empty(),
                ID.time(), "archive", new ArchivePosition(Watermark.empty(), Map.of()), List.of(), counts,
                SnapshotManifest.DATA_DIR, SnapshotManifest.REJECTED_DIR);
        ScanSummary scan = new ScanSummary(46, 36, 10, 2_071, 2_051, 0, 0, Map.of(RejectReason.NOT_JSON, 20L),
                List.of(), Watermark.empty());
        return new RebuildPlan("ftgo-order-history", snapshot, scan,
                new PlanFigures(23_000, 9_976_399, 23_000, 23_000, 921, 0, 16_106_127));
    }

    @Test
    void saysWhatTheRebuildWouldWriteAndCostInWordsAPersonReads() {
        String text = new DryRunReports(plan(), 0.625, Optional.of(1000.0)).text();

        assertThat(text.lines()).containsExactly(
                "dry run: nothing written. A rebuild of table ftgo-order-history would load snapshot "
                        + "20261207T041010.631Z (22,000 items) and the archive beyond it:",
                "  files: 46 listed, 10 to open, 36 covered by the snapshot; 2,071 records, 20 rejected",
                "  items: 23,000 to write (9,976,399 bytes, 433 on average)",
                "  write units: 46,000 (23,000 in the table, 23,000 in its indexes; one per started KB (1,024 "
                        + "bytes) of an item), in about 921 BatchWriteItem calls",
                // 46,000 × 0.625 / 1,000,000 = 0.02875
                "  on-demand cost: $0.0288 at $0.625 per million write request units",
                "  time: 23 s at --write-rate 1,000 items/s");
    }

    @Test
    void withoutAWriteRateThereIsNoTimeAndTheJsonSaysSo() {
        DryRunReports report = new DryRunReports(plan(), 1.25, Optional.empty());

        assertThat(report.text()).endsWith("  time: no --write-rate, as fast as DynamoDB takes the writes")
                .contains("$0.0575 at $1.25 per million");
        assertThat(report.toMap()).containsEntry("writeUnits", 46_000L).containsEntry("cost", 0.0575)
                .containsEntry("seconds", null).containsEntry("writeCalls", 921L);
    }

    @Test
    void withImportTheDryRunComparesTheImportsCostWithTheWrites() {
        DryRunReports report = new DryRunReports(plan(), 0.625, Optional.empty(), Optional.of(0.15));

        // 0.015 GB × $0.15 = $0.00225 (less 3.6e-11 for the bytes' fraction), against 46,000 × 0.625 / 10^6 = $0.02875
        assertThat(report.text().lines().toList()).last().isEqualTo("  --import: ImportTable of 16,106,127 bytes "
                + "uncompressed: $0.0022 at $0.15 per GB, against $0.0288 by BatchWriteItem above (the import is "
                + "cheaper)");
        assertThat((Double) report.toMap().get("importCost")).isCloseTo(0.00225, within(1e-9));
        assertThat(report.toMap()).containsEntry("importBytes", 16_106_127L).containsEntry("pricePerGbImported", 0.15);
        assertThat(new DryRunReports(plan(), 0.625, Optional.empty()).toMap()).doesNotContainKey("importCost");
        assertThat(new DryRunReports(plan(), 0.01, Optional.empty(), Optional.of(0.15)).text())
                .endsWith("against $0.0005 by BatchWriteItem above (the writes are cheaper)");
    }
}
