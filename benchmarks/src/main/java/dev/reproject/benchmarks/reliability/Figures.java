package dev.reproject.benchmarks.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario measured, one line each: runs of a command (child JVMs), kills (SIGKILL of a command, or a server
 * killed or stopped), records the commands had to process, lost and applied twice (both must be 0), the peak
 * heap of the child JVMs (see {@link GcLog}) and the wall time.
 */
final class Figures {

    /** One scenario's line. */
    static final class Line {
        final String scenario;
        int runs;
        int kills;
        /** runs that exited 5 (busy) in a race */
        int refused;
        int serverFaults;
        long records;
        long items;
        long lost;
        long appliedTwice;
        GcLog.Peak peak = GcLog.Peak.NONE;
        double seconds;
        final List<String> notes = new ArrayList<>();

        Line(String scenario) {
            this.scenario = scenario;
        }

        /** Counts a finished (or killed) child: one run, its peak heap. */
        void ran(Child child) {
            runs++;
            peak = peak.max(child.peakHeap());
        }

        @SuppressWarnings("AnnotateFormatMethod") // @FormatMethod's jar is not on this module's classpath
        void note(String format, Object... args) {
            add(String.format(format, args));
        }

        private void add(String note) {
            notes.add(note);
            System.out.println("  " + scenario + ": " + note);
        }

        /** The differences of a check: lost and applied-twice counted, the line noted. */
        void checked(Check check) {
            lost += check.lost();
            appliedTwice += check.appliedTwice();
            note("check: %s", check);
        }

        boolean clean() {
            return lost == 0 && appliedTwice == 0;
        }

        @Override
        public String toString() {
            return String.format("%-22s runs %3d  kills %3d  server faults %d  busy %d  records %,9d  items %,7d  "
                    + "lost %d  applied twice %d  peak heap %s  %.0f s", scenario, runs, kills, serverFaults, refused,
                    records, items, lost, appliedTwice, peak, seconds);
        }
    }

    private final List<Line> lines = new ArrayList<>();

    Line line(String scenario) {
        Line line = new Line(scenario);
        lines.add(line);
        return line;
    }

    List<Line> lines() {
        return lines;
    }

    boolean clean() {
        return lines.stream().allMatch(Line::clean);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
