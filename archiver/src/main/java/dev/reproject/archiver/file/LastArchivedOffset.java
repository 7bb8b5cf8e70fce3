package dev.reproject.archiver.file;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.FileSelection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The highest offset a partition's files hold, where a new run goes on from. Only the files with the highest
 * readable start offset are opened (a sink's files never reach past the next one; a re-delivered copy that
 * starts inside an old range and runs past it is itself the last). A corrupt file says nothing: the file before
 * it counts instead, as for a file without records.
 */
public final class LastArchivedOffset {

    private LastArchivedOffset() {
    }

    /**
     * @param files the partition's files, sorted by {@link FileSelection#READING_ORDER}
     * @return the last offset, or empty when no file holds a record
     * @throws IllegalStateException when no readable file holds a record but some file cannot be read
     */
    public static OptionalLong of(ArchiveStore store, List<ArchiveFile> files) throws IOException {
        List<ArchiveFile> newestFirst = new ArrayList<>(files);
        newestFirst.sort(FileSelection.READING_ORDER.reversed());
        long last = -1;
        Long readStart = null;
        List<String> unreadable = new ArrayList<>();
        for (ArchiveFile file : newestFirst) {
            if (readStart != null && file.startOffset() < readStart) {
                break; // every file of the highest readable start is read
            }
            OptionalInt count = FileLines.countOrSkip(store, file);
            if (count.isEmpty()) {
                unreadable.add(file.path());
                continue;
            }
            int lines = count.getAsInt();
            if (lines == 0) {
                continue; // blank lines only: no record, says nothing either
            }
            readStart = file.startOffset();
            last = Math.max(last, file.startOffset() + lines - 1);
        }
        if (readStart == null && !unreadable.isEmpty()) {
            throw new IllegalStateException("cannot tell where the archive of " + files.get(0).topicPartition()
                    + " ends: none of its files with records can be read (" + String.join(", ", unreadable)
                    + "); give the start offset explicitly");
        }
        return readStart == null ? OptionalLong.empty() : OptionalLong.of(last);
    }
}
