package dev.reproject.archiver.file;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.FileSelection;
import dev.reproject.core.event.SourcePartition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The archive files of some topics, per partition, sorted by start offset, then path. Like the readers, it
 * goes by file names alone, whatever the directories (CONTRACT.md §3), and skips paths with a segment starting with
 * {@code _} or {@code .} (Hadoop's "not data" convention, e.g. {@code _temporary/}).
 */
public final class ArchiveIndex {

    private final SortedMap<SourcePartition, List<ArchiveFile>> files;

    private ArchiveIndex(SortedMap<SourcePartition, List<ArchiveFile>> files) {
        this.files = files;
    }

    /** Lists the whole store once (file names may sit under any directories). */
    public static ArchiveIndex list(ArchiveStore store, Collection<String> topics) throws IOException {
        return of(store.list(""), topics);
    }

    static ArchiveIndex of(List<String> paths, Collection<String> topics) {
        Set<String> wanted = Set.copyOf(topics);
        SortedMap<SourcePartition, List<ArchiveFile>> files = new TreeMap<>();
        for (String path : paths) {
            if (isHidden(path)) {
                continue;
            }
            ArchiveFileName.parse(path)
                    .filter(file -> wanted.contains(file.topic()))
                    .ifPresent(file -> files.computeIfAbsent(file.topicPartition(), tp -> new ArrayList<>()).add(file));
        }
        files.values().forEach(list -> list.sort(FileSelection.READING_ORDER));
        return new ArchiveIndex(files);
    }

    /** The files of {@code tp}, sorted; empty when it has none. */
    public List<ArchiveFile> files(SourcePartition tp) {
        return List.copyOf(files.getOrDefault(tp, List.of()));
    }

    /** The partitions of {@code topic} that have files. */
    public List<SourcePartition> partitions(String topic) {
        return files.keySet().stream().filter(tp -> tp.topic().equals(topic)).toList();
    }

    /** The partition count the archive implies for {@code topic}: its highest partition with files + 1; 0 if none. */
    public int partitionCount(String topic) {
        return partitions(topic).stream().mapToInt(SourcePartition::partition).max().orElse(-1) + 1;
    }

    private static boolean isHidden(String path) {
        for (String segment : path.split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
