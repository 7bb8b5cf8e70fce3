package dev.reproject.core.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
public record FileSelection(List<ArchiveFile> toOpen, List<ArchiveFile> covered, boolean digestMismatch) {

    /** Files of one partition in reading order: by start offset, then path. */
    public static final Comparator<ArchiveFile> READING_ORDER = Comparator.comparingLong(ArchiveFile::startOffset)
            .thenComparing(ArchiveFile::path);

    public FileSelection {
        toOpen = List.copyOf(toOpen);
        covered = List.copyOf(covered);
    }

    public FileSelection(List<ArchiveFile> toOpen, List<ArchiveFile> covered) {
        this(toOpen, covered, false);
    }

    /**
     * @param files      every listed file of one partition, in any order
     * @param watermark  the earlier run's watermark of that partition, if any
     * @param knownFiles paths of the files the earlier run knew there (see {@link ArchivePosition#knownFiles()})
     */
    public static FileSelection select(List<ArchiveFile> files, OptionalLong watermark, Set<String> knownFiles) {
        return select(files, watermark, knownFiles, Optional.empty());
    }

    /**
     * As {@link #select(List, OptionalLong, Set)}, with the earlier run's older known files as a {@link FileDigest}:
     * the listed files starting at or below its {@code through} are known when they are exactly the files it
     * summarises; when they are not ({@link #digestMismatch()}), none of them is known, and all are opened.
     */
    public static FileSelection select(List<ArchiveFile> files, OptionalLong watermark, Set<String> knownFiles,
                                       Optional<FileDigest> digest) {
        List<ArchiveFile> ordered = files.stream().sorted(READING_ORDER).toList();
        Set<String> known = new HashSet<>(knownFiles);
        boolean mismatch = false;
        if (digest.isPresent()) {
            List<String> older = ordered.stream().filter(f -> f.startOffset() <= digest.get().through())
                    .map(ArchiveFile::path).toList();
            if (digest.get().matches(older)) {
                known.addAll(older);
            } else {
                mismatch = true;
            }
        }
        List<ArchiveFile> toOpen = new ArrayList<>();
        List<ArchiveFile> covered = new ArrayList<>();
        for (ArchiveFile file : ordered) {
            boolean isCovered = watermark.isPresent() && file.startOffset() <= watermark.getAsLong()
                    && known.contains(file.path());
            (isCovered ? covered : toOpen).add(file);
        }
        return new FileSelection(toOpen, covered, mismatch);
    }
}
