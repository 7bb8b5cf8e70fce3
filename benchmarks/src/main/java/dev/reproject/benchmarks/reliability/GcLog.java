package dev.reproject.benchmarks.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak heap of a JVM from its unified GC log ({@code -Xlog:gc:file=…}): every collection logs
 * {@code BEFORE->AFTER(COMMITTED)}. The figure is the largest heap <em>after</em> a collection (live data plus what
 * survived: the honest lower bound of what the JVM needed), with the largest before a collection (the peak of
 * used heap, garbage included, bounded by -Xmx) and the largest committed heap. A JVM that never collected logs
 * nothing: zero.
 */
final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** Sizes in bytes; {@code collections} how many were logged. */
    record Peak(long afterGc, long beforeGc, long committed, int collections) {

        static final Peak NONE = new Peak(0, 0, 0, 0);

        Peak max(Peak other) {
            return new Peak(Math.max(afterGc, other.afterGc), Math.max(beforeGc, other.beforeGc),
                    Math.max(committed, other.committed), collections + other.collections);
        }

        @Override
        public String toString() {
            return String.format("%d MiB after GC (%d MiB before GC, %d MiB committed)", afterGc >> 20,
                    beforeGc >> 20, committed >> 20);
        }
    }

    private GcLog() {
    }

    static Peak peak(Path file) {
        if (!Files.exists(file)) {
            return Peak.NONE;
        }
        long after = 0;
        long before = 0;
        long committed = 0;
        int collections = 0;
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    collections++;
                    before = Math.max(before, bytes(m.group(1), m.group(2)));
                    after = Math.max(after, bytes(m.group(3), m.group(4)));
                    committed = Math.max(committed, bytes(m.group(5), m.group(6)));
                }
            }
        } catch (IOException e) {
            return Peak.NONE;
        }
        return new Peak(after, before, committed, collections);
    }

    static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
