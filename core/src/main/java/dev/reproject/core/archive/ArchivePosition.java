package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How far earlier runs read the archive: the watermark, per partition the last file read, and the files
 * known to end at or below the watermark. A later run opens only what may lie beyond it.
 *
 * @param knownFiles   per partition, the paths of the listed files that start at or below the watermark;
 *                     each ends at or below it too, so a later run need not open them again; only the newest
 *                     of them when the partition has a digest
 * @param knownDigests per partition, the older known files as a {@link FileDigest} instead of paths
 */
public record ArchivePosition(Watermark watermark, Map<SourcePartition, FileSpan> lastFiles,
                              Map<SourcePartition, SortedSet<String>> knownFiles,
                              Map<SourcePartition, FileDigest> knownDigests) {

    public ArchivePosition {
        Objects.requireNonNull(watermark, "watermark");
        lastFiles = Map.copyOf(lastFiles);
        TreeMap<SourcePartition, SortedSet<String>> known = new TreeMap<>();
        knownFiles.forEach((tp, paths) -> known.put(tp, Collections.unmodifiableSortedSet(new TreeSet<>(paths))));
        knownFiles = Collections.unmodifiableSortedMap(known);
        knownDigests = Collections.unmodifiableSortedMap(new TreeMap<>(knownDigests));
    }

    /** A position that keeps every known file by path. */
    public ArchivePosition(Watermark watermark, Map<SourcePartition, FileSpan> lastFiles,
                           Map<SourcePartition, SortedSet<String>> knownFiles) {
        this(watermark, lastFiles, knownFiles, Map.of());
    }

    /**
     * The position after a run: {@code known} holds per partition every listed file that starts at or below the
     * watermark; each partition's are kept bounded ({@link KnownFiles}).
     */
    public static ArchivePosition bounded(Watermark watermark, Map<SourcePartition, FileSpan> lastFiles,
                                          Map<SourcePartition, List<ArchiveFile>> known) {
        Map<SourcePartition, SortedSet<String>> paths = new TreeMap<>();
        Map<SourcePartition, FileDigest> digests = new TreeMap<>();
        known.forEach((tp, files) -> {
            KnownFiles kept = KnownFiles.of(files);
            paths.put(tp, kept.paths());
            kept.digest().ifPresent(d -> digests.put(tp, d));
        });
        return new ArchivePosition(watermark, lastFiles, paths, digests);
    }

    /** A position that knows no files: a later run opens every file. */
    public ArchivePosition(Watermark watermark, Map<SourcePartition, FileSpan> lastFiles) {
        this(watermark, lastFiles, Map.of());
    }

    /** Nothing read yet: a full run. */
    public static ArchivePosition beginning() {
        return new ArchivePosition(Watermark.empty(), Map.of(), Map.of());
    }

    public OptionalLong offset(SourcePartition tp) {
        return watermark.offset(tp);
    }

    public Optional<FileSpan> lastFile(SourcePartition tp) {
        return Optional.ofNullable(lastFiles.get(tp));
    }

    public Set<String> knownFiles(SourcePartition tp) {
        return knownFiles.getOrDefault(tp, Collections.emptySortedSet());
    }

    public Optional<FileDigest> knownDigest(SourcePartition tp) {
        return Optional.ofNullable(knownDigests.get(tp));
    }
}
