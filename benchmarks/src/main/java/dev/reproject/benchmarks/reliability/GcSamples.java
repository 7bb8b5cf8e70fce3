package dev.reproject.benchmarks.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's {@code -Xlog:gc:file=F:uptime} log: per collection, the heap in use before and after it. The peak heap
 * reported is the largest "before" (the most the heap held) and the largest "after" (the most that survived a
 * collection: live data plus what G1 kept).
 */
public record GcSamples(List<Sample> samples) {

    /** One collection at {@code seconds} of the JVM's uptime: heap MB before, after, and committed. */
    public record Sample(double seconds, long beforeMb, long afterMb, long committedMb, boolean full) {
    }

    private static final Pattern LINE = Pattern.compile(
            "\\[(\\d+(?:\\.\\d+)?)s\\].*Pause (Young|Full|Remark|Cleanup)[^\\n]*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** The JVM options that write this log. */
    public static String option(Path file) {
        return "-Xlog:gc:file=" + file + ":uptime";
    }

    public static GcSamples read(Path file) {
        List<Sample> samples = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = LINE.matcher(line);
                    if (m.find()) {
                        samples.add(new Sample(Double.parseDouble(m.group(1)), Long.parseLong(m.group(3)),
                                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), m.group(2).equals("Full")));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new GcSamples(List.copyOf(samples));
    }

    public long peakBeforeMb() {
        return samples.stream().mapToLong(Sample::beforeMb).max().orElse(0);
    }

    public long peakAfterMb() {
        return samples.stream().mapToLong(Sample::afterMb).max().orElse(0);
    }

    public long fullCollections() {
        return samples.stream().filter(Sample::full).count();
    }

    /** e.g. {@code peak heap 310 MB before GC, 95 MB after GC (12 GCs, 0 full)}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "peak heap %d MB before GC, %d MB after GC (%d GCs, %d full)",
                peakBeforeMb(), peakAfterMb(), samples.size(), fullCollections());
    }
}
