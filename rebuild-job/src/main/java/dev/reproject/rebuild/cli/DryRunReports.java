package dev.reproject.rebuild.cli;

import dev.reproject.core.item.WriteUnits;
import dev.reproject.rebuild.PlanFigures;
import dev.reproject.rebuild.RebuildPlan;
import dev.reproject.spark.archive.ScanSummary;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code rebuild --dry-run} shows what a rebuild would do: its figures, the on-demand cost of its write units
 * at a given price, and its time at {@code --write-rate}.
 */
final class DryRunReports {

    /** US dollars per million write request units, on-demand, Standard table class, us-east-1. */
    static final String US_EAST_1_PRICE = "0.625";
    static final String PRICE_SOURCE = "the published on-demand price in us-east-1, Standard table class, "
            + "in effect since 2024-11-01";
    /** US dollars per GB of uncompressed source data imported by ImportTable, us-east-1. */
    static final String US_EAST_1_IMPORT_PRICE = "0.15";
    static final String IMPORT_PRICE_SOURCE = "the published price of import from S3 in us-east-1";
    /** The GB of AWS's bills: 2^30 bytes. */
    static final double GB = 1024.0 * 1024 * 1024;

    private final RebuildPlan plan;
    private final double pricePerMillion;
    private final Optional<Double> writeRate;
    private final Optional<Double> pricePerGbImported;

    /** @param pricePerGbImported with {@code --import}: the import's price, to compare both ways; else empty */
    DryRunReports(RebuildPlan plan, double pricePerMillion, Optional<Double> writeRate,
                  Optional<Double> pricePerGbImported) {
        this.plan = plan;
        this.pricePerMillion = pricePerMillion;
        this.writeRate = writeRate;
        this.pricePerGbImported = pricePerGbImported;
    }

    DryRunReports(RebuildPlan plan, double pricePerMillion, Optional<Double> writeRate) {
        this(plan, pricePerMillion, writeRate, Optional.empty());
    }

    double cost() {
        return plan.load().writeUnits() * pricePerMillion / 1_000_000;
    }

    /** With {@code --import}: the import's cost, by the bytes of its files uncompressed. */
    Optional<Double> importCost() {
        return pricePerGbImported.map(price -> plan.load().importBytes() / GB * price);
    }

    /** The time the writes take at {@code --write-rate} items/s; none without it. */
    Optional<Duration> time() {
        return writeRate.map(rate -> Duration.ofMillis(Math.round(plan.load().items() * 1000 / rate)));
    }

    String text() {
        ScanSummary scan = plan.scan();
        PlanFigures load = plan.load();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "dry run: nothing written. A rebuild of table %s would load snapshot"
                + " %s (%,d items) and the archive beyond it:%n", plan.table(), plan.snapshot().id(),
                plan.snapshot().counts().items()));
        text.append(String.format(Locale.ROOT, "  files: %,d listed, %,d to open, %,d covered by the snapshot; "
                + "%,d records, %,d rejected%n", scan.filesListed(), scan.filesOpened(), scan.filesCovered(),
                scan.records(), scan.totalRejected()));
        text.append(String.format(Locale.ROOT, "  items: %,d to write (%,d bytes, %,d on average)%s%n", load.items(),
                load.itemBytes(), load.items() == 0 ? 0 : load.itemBytes() / load.items(),
                load.tooLarge() == 0 ? "" : String.format(Locale.ROOT, ", %,d over 400 KB left out", load.tooLarge())));
        text.append(String.format(Locale.ROOT, "  write units: %,d (%,d in the table, %,d in its indexes; one per "
                + "started KB (%,d bytes) of an item), in about %,d BatchWriteItem calls%n", load.writeUnits(),
                load.tableWriteUnits(), load.indexWriteUnits(), WriteUnits.UNIT_BYTES, load.writeCalls()));
        text.append(String.format(Locale.ROOT, "  on-demand cost: $%.4f at $%s per million write request units%n",
                cost(), price()));
        text.append(time().map(t -> String.format(Locale.ROOT, "  time: %s at --write-rate %s items/s",
                human(t), number(writeRate.get()))).orElse("  time: no --write-rate, as fast as DynamoDB takes the "
                        + "writes"));
        importCost().ifPresent(importCost -> text.append(String.format(Locale.ROOT, "%n  --import: ImportTable of "
                + "%,d bytes uncompressed: $%.4f at $%s per GB, against $%.4f by BatchWriteItem above (%s)",
                plan.load().importBytes(), importCost, number(pricePerGbImported.get()), cost(),
                importCost < cost() ? "the import is cheaper" : importCost > cost() ? "the writes are cheaper"
                        : "the same")));
        return text.toString();
    }

    Map<String, Object> toMap() {
        ScanSummary scan = plan.scan();
        PlanFigures load = plan.load();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "dry-run");
        json.put("table", plan.table());
        json.put("snapshotId", plan.snapshot().id().value());
        json.put("snapshotItems", plan.snapshot().counts().items());
        json.put("filesListed", scan.filesListed());
        json.put("filesToOpen", scan.filesOpened());
        json.put("filesCovered", scan.filesCovered());
        json.put("records", scan.records());
        json.put("rejected", scan.totalRejected());
        json.put("items", load.items());
        json.put("itemBytes", load.itemBytes());
        json.put("itemsTooLarge", load.tooLarge());
        json.put("writeUnits", load.writeUnits());
        json.put("tableWriteUnits", load.tableWriteUnits());
        json.put("indexWriteUnits", load.indexWriteUnits());
        json.put("writeCalls", load.writeCalls());
        json.put("pricePerMillionWrites", pricePerMillion);
        json.put("cost", cost());
        json.put("writeRate", writeRate.orElse(null));
        json.put("seconds", time().map(t -> t.toMillis() / 1000.0).orElse(null));
        importCost().ifPresent(importCost -> {
            json.put("importBytes", plan.load().importBytes());
            json.put("pricePerGbImported", pricePerGbImported.get());
            json.put("importCost", importCost);
        });
        return json;
    }

    private String price() {
        return number(pricePerMillion);
    }

    /** {@code 1,000} for 1000.0, {@code 0.625} for 0.625: as a person writes it. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.valueOf(value);
    }

    private static String human(Duration t) {
        long seconds = Math.max(1, (t.toMillis() + 999) / 1000);
        return seconds < 60 ? seconds + " s"
                : seconds < 3600 ? (seconds / 60) + " min " + (seconds % 60) + " s"
                        : (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
