package dev.reproject.archiver.file;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.FileSelection;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.event.SourcePartition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Which file gives each offset of a partition, read the way the readers read (README "Reading the archive"):
 * each offset once, from the first file (by start offset, then path) that holds it; re-delivered copies are
 * duplicates; a corrupt gzip file holds nothing; offsets no readable file holds are missing.
 *
 * @param partition      the archived partition
 * @param segments       in offset order, contiguous except where {@code missing} says
 * @param duplicateLines lines of read files whose offsets an earlier file already gave
 * @param missing        offset ranges between {@code from} and the last segment that no readable file holds
 * @param unreadable     the files that could not be read (paths relative to the store's root)
 */
public record PartitionPlan(SourcePartition partition, List<Segment> segments, long duplicateLines,
                            List<OffsetRange> missing, List<String> unreadable) {

    /**
     * Offsets {@code first..last} from {@code file}, whose lines numbered {@code lineCount} when planned.
     */
    public record Segment(ArchiveFile file, int lineCount, long first, long last) {

        public long records() {
            return last - first + 1;
        }
    }

    public PartitionPlan {
        segments = List.copyOf(segments);
        missing = List.copyOf(missing);
        unreadable = List.copyOf(unreadable);
    }

    /**
     * Reads every file of the partition once, to count its lines.
     *
     * @param files sorted by {@link FileSelection#READING_ORDER}
     * @param from  the first offset wanted (default: the first file's start offset)
     * @param until the offset to stop before (default: the end of the archive)
     */
    public static PartitionPlan of(ArchiveStore store, SourcePartition tp, List<ArchiveFile> files, OptionalLong from,
                                   OptionalLong until)
            throws IOException {
        long next = from.orElse(files.isEmpty() ? 0 : files.get(0).startOffset());
        long stop = until.orElse(Long.MAX_VALUE);
        List<Segment> segments = new ArrayList<>();
        List<OffsetRange> missing = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        long duplicates = 0;
        for (ArchiveFile file : files) {
            if (next >= stop || file.startOffset() >= stop) {
                break;
            }
            OptionalInt count = FileLines.countOrSkip(store, file);
            if (count.isEmpty()) {
                unreadable.add(file.path());
                continue;
            }
            int lines = count.getAsInt();
            long end = file.startOffset() + lines - 1;
            long first = Math.max(next, file.startOffset());
            // lines below `from` are not wanted rather than duplicates
            duplicates += Math.max(0, Math.min(end, next - 1) - Math.max(file.startOffset(), from.orElse(0)) + 1);
            if (end < first) {
                continue;
            }
            if (file.startOffset() > next) {
                missing.add(new OffsetRange(next, file.startOffset() - 1));
            }
            long last = Math.min(end, stop - 1);
            segments.add(new Segment(file, lines, first, last));
            next = last + 1;
        }
        return new PartitionPlan(tp, segments, duplicates, missing, unreadable);
    }

    /** Records the plan publishes. */
    public long records() {
        return segments.stream().mapToLong(Segment::records).sum();
    }

    /** First to last offset published; {@link OffsetRange#EMPTY} when nothing is. */
    public OffsetRange span() {
        return segments.isEmpty() ? OffsetRange.EMPTY
                : new OffsetRange(segments.get(0).first(), segments.get(segments.size() - 1).last());
    }
}
