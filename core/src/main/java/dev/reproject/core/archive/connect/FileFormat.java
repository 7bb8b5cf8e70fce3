package dev.reproject.core.archive.connect;

import java.util.Objects;

/**
 * How a sink cuts and names its files.
 *
 * @param layout         the directories (Connect's partitioner)
 * @param gzip           {@code .json.gz} files, else {@code .json}
 * @param recordsPerFile at most this many lines per file (Connect's {@code flush.size})
 */
public record FileFormat(ArchiveLayout layout, boolean gzip, int recordsPerFile) {

    public FileFormat {
        Objects.requireNonNull(layout, "layout");
        if (recordsPerFile < 1) {
            throw new IllegalArgumentException("records per file must be 1 or more, was " + recordsPerFile);
        }
    }
}
