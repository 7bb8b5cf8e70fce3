package dev.reproject.core.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which of a partition's listed files a run opens. A file is covered, and not opened, when the earlier
 * run already listed it and it starts at or below the earlier watermark: every such file ends at or below
 * that watermark (the earlier run either read it, or it was covered then for the same reason), so it holds
 * nothing new. Every other file is opened: files beyond the watermark, and files that appeared since, such
 * as a re-delivered copy that starts inside the read range and may run past it.
 *
 * <p>This is stricter than CONTRACT.md §3's "the next file starts at or below watermark + 1" rule, which skips
 * such a late copy for good when a file after it starts inside the range (see the closing note of the
 * issue that introduced it).
 */
public record FileSelection(List<ArchiveFile> toOpen, List<ArchiveFile> covered) {

    /** Files of one partition in reading order: by start offset, then path. */
    public static final Comparator<ArchiveFile> READING_ORDER = Comparator.comparingLong(ArchiveFile::startOffset)
            .thenComparing(ArchiveFile::path);

    public FileSelection {
        toOpen = List.copyOf(toOpen);
        covered = List.copyOf(covered);
    }

    /**
     * @param files      every listed file of one partition, in any order
     * @param watermark  the earlier run's watermark of that partition, if any
     * @param knownFiles paths of the files the earlier run knew there (see {@link ArchivePosition#knownFiles()})
     */
    public static FileSelection select(List<ArchiveFile> files, OptionalLong watermark, Set<String> knownFiles) {
        List<ArchiveFile> toOpen = new ArrayList<>();
        List<ArchiveFile> covered = new ArrayList<>();
        for (ArchiveFile file : files.stream().sorted(READING_ORDER).toList()) {
            boolean isCovered = watermark.isPresent() && file.startOffset() <= watermark.getAsLong()
                    && knownFiles.contains(file.path());
            (isCovered ? covered : toOpen).add(file);
        }
        return new FileSelection(toOpen, covered);
    }
}
