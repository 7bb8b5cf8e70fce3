package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a run gets in one partition once it knows the line counts of the files it opened (CONTRACT.md §3):
 * each offset is taken from the first file, in reading order, that holds it; an offset already taken or
 * below the earlier watermark is a duplicate; a hole stops the partition unless gaps are allowed.
 *
 * @param watermark     the new highest offset included without a hole (or past passed holes)
 * @param lastFile      the file that reached the watermark
 * @param holes         holes found, passed or stopped at
 * @param taken         per opened file path, the offsets this run takes from that file
 * @param duplicates    lines at offsets already included
 * @param deferred      lines beyond a hole the partition stopped at, left for a later run
 */
public record PartitionProgress(SourcePartition topicPartition,
                                OptionalLong watermark,
                                Optional<FileSpan> lastFile,
                                List<Hole> holes,
                                Map<String, OffsetRange> taken,
                                long duplicates,
                                long deferred) {

    public PartitionProgress {
        holes = List.copyOf(holes);
        taken = Map.copyOf(taken);
    }

    /**
     * @param from      where earlier runs stopped
     * @param opened    every file this run opened in the partition, in any order
     * @param allowGaps pass holes instead of stopping at them
     */
    public static PartitionProgress compute(SourcePartition tp, ArchivePosition from, List<FileRead> opened,
                                            boolean allowGaps) {
        List<FileRead> sorted = opened.stream()
                .sorted((a, b) -> FileSelection.READING_ORDER.compare(a.file(), b.file())).toList();
        // a partition read for the first time starts at its first file (older offsets may have expired);
        // if that file is unreadable, what it held is a hole like any other
        long reached = from.offset(tp).orElse(sorted.isEmpty() ? -1 : sorted.get(0).file().startOffset() - 1);
        Optional<FileSpan> lastFile = from.lastFile(tp);
        boolean stopped = false;
        List<Hole> holes = new ArrayList<>();
        Map<String, OffsetRange> taken = new HashMap<>();
        long duplicates = 0;
        long deferred = 0;
        List<FileRead> unreadable = new ArrayList<>();
        List<String> unreadableSinceLastTaken = new ArrayList<>();

        for (FileRead read : sorted) {
            if (!read.readable()) {
                unreadable.add(read); // absent for our purposes: a hole if nothing else holds its records
                unreadableSinceLastTaken.add(read.file().path());
                continue;
            }
            long start = read.file().startOffset();
            long end = start + read.lineCount() - 1;
            duplicates += Math.max(0, Math.min(end, reached) - start + 1);
            if (end <= reached) {
                continue;
            }
            if (!stopped && start > reached + 1) {
                holes.add(new Hole(tp, reached + 1, start - 1, allowGaps, unreadableSinceLastTaken.isEmpty()
                        ? "no file holds these offsets"
                        : "unreadable file " + String.join(", ", unreadableSinceLastTaken)));
                stopped = !allowGaps;
            }
            if (stopped) {
                deferred += end - Math.max(start, reached + 1) + 1;
                continue;
            }
            taken.put(read.file().path(), new OffsetRange(Math.max(start, reached + 1), end));
            reached = end;
            lastFile = Optional.of(read.span());
            unreadableSinceLastTaken.clear();
        }
        if (!stopped) {
            for (FileRead bad : unreadable) {
                if (bad.file().startOffset() > reached) {
                    holes.add(new Hole(tp, reached + 1, -1, false, "unreadable file " + bad.file().path()));
                    break;
                }
            }
        }
        OptionalLong watermark = reached >= 0 ? OptionalLong.of(reached) : OptionalLong.empty();
        return new PartitionProgress(tp, watermark, lastFile, holes, taken, duplicates, deferred);
    }

    /** Whether the partition stopped at a hole. */
    public boolean stoppedAtHole() {
        return holes.stream().anyMatch(h -> !h.passed());
    }
}
