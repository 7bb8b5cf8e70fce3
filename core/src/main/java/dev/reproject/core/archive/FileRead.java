package dev.reproject.core.archive;

import java.util.Objects;

/** What reading one opened file found: its line count, or that it could not be read at all. */
public record FileRead(ArchiveFile file, long lineCount, boolean readable) {

    public FileRead {
        Objects.requireNonNull(file, "file");
        if (readable && lineCount < 0) {
            throw new IllegalArgumentException("negative line count for " + file.path());
        }
    }

    public static FileRead of(ArchiveFile file, long lineCount) {
        return new FileRead(file, lineCount, true);
    }

    public static FileRead unreadable(ArchiveFile file) {
        return new FileRead(file, -1, false);
    }

    public FileSpan span() {
        return new FileSpan(file.path(), file.startOffset(), lineCount);
    }
}
