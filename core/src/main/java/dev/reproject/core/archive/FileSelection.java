package dev.reproject.core.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which of a partition's listed files a run opens (SPEC §3): a file is covered, and not opened, when the
 * next file of the partition starts at or below watermark + 1, or when it is the last file the earlier
 * run read.
 */
public record FileSelection(List<ArchiveFile> toOpen, List<ArchiveFile> covered) {

    /** Files of one partition in reading order: by start offset, then path. */
    public static final Comparator<ArchiveFile> READING_ORDER =
            Comparator.comparingLong(ArchiveFile::startOffset).thenComparing(ArchiveFile::path);

    public FileSelection {
        toOpen = List.copyOf(toOpen);
        covered = List.copyOf(covered);
    }

    /**
     * @param files          every listed file of one partition, in any order
     * @param watermark      the earlier run's watermark of that partition, if any
     * @param lastFileRead   the last file the earlier run read there, if any
     */
    public static FileSelection select(List<ArchiveFile> files, OptionalLong watermark, Optional<FileSpan> lastFileRead) {
        List<ArchiveFile> sorted = files.stream().sorted(READING_ORDER).toList();
        List<ArchiveFile> toOpen = new ArrayList<>();
        List<ArchiveFile> covered = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ArchiveFile file = sorted.get(i);
            boolean nextStartsWithin = watermark.isPresent() && i + 1 < sorted.size()
                    && sorted.get(i + 1).startOffset() <= watermark.getAsLong() + 1;
            boolean readLastTime = lastFileRead.isPresent() && lastFileRead.get().isSameFile(file);
            (nextStartsWithin || readLastTime ? covered : toOpen).add(file);
        }
        return new FileSelection(toOpen, covered);
    }
}
