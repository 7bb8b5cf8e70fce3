package dev.reproject.core.catalog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the latest {@code verify} of a table found, kept in its catalog entry: keys counted by class.
 *
 * @param at     when the verify run started
 * @param counts keys by class: {@code equal}, {@code ahead} (live applied events not archived yet: fine),
 *               {@code diverged}, {@code behind}, {@code missing}, {@code extra}
 * @param sample the fraction of keys checked (1 for all)
 * @param report where the full report was written (a URI under the snapshots root)
 */
public record VerifySummary(Instant at, Map<String, Long> counts, double sample, String report) {

    /** The classes that make a table wrong. */
    public static final Set<String> WRONG = Set.of("diverged", "behind", "missing", "extra");

    public VerifySummary {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(report, "report");
        counts = Map.copyOf(new TreeMap<>(counts));
        if (!(sample > 0 && sample <= 1)) {
            throw new IllegalArgumentException("a verify samples more than 0 and at most 1 of the keys, was "
                    + sample);
        }
    }

    /** Whether no key was in a wrong class. */
    public boolean clean() {
        return WRONG.stream().allMatch(c -> counts.getOrDefault(c, 0L) == 0);
    }

    /** {@code "diverged 1, missing 2"}: the wrong classes found, for messages; empty when clean. */
    public String wrongs() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(counts).forEach((c, n) -> {
            if (WRONG.contains(c) && n > 0) {
                out.append(out.isEmpty() ? "" : ", ").append(c).append(' ').append(n);
            }
        });
        return out.toString();
    }

    /** {@code at, counts, sample, clean, report}, for {@code status --json}. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", at.toString());
        out.put("counts", new TreeMap<>(counts));
        out.put("sample", sample);
        out.put("clean", clean());
        out.put("report", report);
        return out;
    }
}
