package dev.reproject.verify.cli;

import dev.reproject.core.verify.KeyClass;
import dev.reproject.verify.VerifyOutcome;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@code verify} prints: text for people, a map for {@code --json} and the run summary. */
final class VerifyReports {

    private VerifyReports() {
    }

    static String text(VerifyOutcome outcome) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "reproject verify: table %s against snapshot %s + archive: %,d keys "
                + "checked%s, %s%n", outcome.table(), outcome.snapshot(), outcome.keysChecked(),
                outcome.sample() < 1 ? String.format(Locale.ROOT, " (sample %s of the keys)", outcome.sample()) : "",
                outcome.clean() ? "no differences" : String.format(Locale.ROOT, "%,d wrong", outcome.wrongKeys())));
        StringBuilder counts = new StringBuilder();
        for (KeyClass keyClass : KeyClass.values()) {
            counts.append(counts.isEmpty() ? "" : ", ").append(keyClass.code()).append(' ')
                    .append(String.format(Locale.ROOT, "%,d", outcome.counts().getOrDefault(keyClass, 0L)));
        }
        out.append("  ").append(counts).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "  read %,d items in %d segments, %,.1f read units%n",
                outcome.itemsRead(), outcome.segments(), outcome.readUnits()));
        if (!outcome.differences().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  differences (up to %d fields; key, class, field, expected, "
                    + "actual):%n", outcome.differences().size()));
            for (VerifyOutcome.Difference d : outcome.differences()) {
                out.append("    ").append(d.key()).append("  ").append(d.keyClass().code()).append("  ")
                        .append(d.field()).append("  expected ").append(orAbsent(d.expected())).append("  actual ")
                        .append(orAbsent(d.actual())).append(System.lineSeparator());
            }
        }
        out.append("  report: ").append(outcome.report()).append(System.lineSeparator());
        out.append("  ").append(outcome.recorded().map(e -> "recorded in the catalog entry " + e.id())
                .orElse("not recorded: the table has no catalog entry"));
        return out.toString();
    }

    private static String orAbsent(String value) {
        return value == null ? "(absent)" : value;
    }

    static Map<String, Object> toMap(VerifyOutcome outcome, String region) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", outcome.clean() ? "clean" : "differences");
        map.put("table", outcome.table());
        map.put("rebuild", outcome.recorded().map(e -> e.id().value()).orElse(null));
        map.put("snapshot", outcome.snapshot().toString());
        Map<String, Long> counts = new TreeMap<>();
        outcome.counts().forEach((c, n) -> counts.put(c.code(), n));
        map.put("counts", counts);
        map.put("keysChecked", outcome.keysChecked());
        map.put("sample", outcome.sample());
        map.put("itemsRead", outcome.itemsRead());
        map.put("readUnits", outcome.readUnits());
        map.put("segments", outcome.segments());
        map.put("differences", outcome.differences().stream().map(d -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("key", d.key());
            line.put("class", d.keyClass().code());
            line.put("field", d.field());
            line.put("expected", d.expected());
            line.put("actual", d.actual());
            return line;
        }).toList());
        map.put("report", outcome.report());
        map.put("region", region);
        return map;
    }
}
