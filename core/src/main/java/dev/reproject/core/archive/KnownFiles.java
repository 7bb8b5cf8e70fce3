package dev.reproject.core.archive;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a position keeps of one partition's known files (the listed files that start at or below its watermark,
 * CONTRACT.md §3.5), bounded: the paths of the newest {@value #KEPT} by start offset, and a {@link FileDigest} of all
 * older ones. Late re-delivered copies start near the watermark, where paths are still kept; the digest only has to
 * tell that nothing changed further back, which it does in constant space however long the archive grows.
 *
 * @param paths  the paths kept one by one: every known file that starts after the digest's {@code through}
 * @param digest the older known files, when there are more than {@value #KEPT}
 */
public record KnownFiles(SortedSet<String> paths, Optional<FileDigest> digest) {

    /** Known files per partition kept by path. */
    public static final int KEPT = 16;

    public KnownFiles {
        paths = new TreeSet<>(paths);
    }

    /** {@code known} (every known file of the partition, any order), bounded as above. */
    public static KnownFiles of(List<ArchiveFile> known) {
        return of(known, KEPT);
    }

    static KnownFiles of(List<ArchiveFile> known, int kept) {
        List<ArchiveFile> ordered = known.stream().sorted(FileSelection.READING_ORDER).toList();
        if (ordered.size() <= kept) {
            return new KnownFiles(paths(ordered), Optional.empty());
        }
        // every file starting at or below the through offset goes into the digest, whatever its place
        long through = ordered.get(ordered.size() - kept - 1).startOffset();
        List<ArchiveFile> older = ordered.stream().filter(f -> f.startOffset() <= through).toList();
        List<ArchiveFile> newer = ordered.stream().filter(f -> f.startOffset() > through).toList();
        return new KnownFiles(paths(newer), Optional.of(FileDigest.of(through, paths(older))));
    }

    private static SortedSet<String> paths(List<ArchiveFile> files) {
        return files.stream().map(ArchiveFile::path).collect(Collectors.toCollection(TreeSet::new));
    }
}
