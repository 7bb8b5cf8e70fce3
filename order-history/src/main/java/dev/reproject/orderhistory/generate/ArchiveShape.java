package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.core.archive.connect.FileFormat;

/**
 * What an archive keeps for all its runs: the seed its orders come from and the form of its files.
 * An {@code --append} run takes these from the archive's state, never from its options.
 */
record ArchiveShape(long seed, int consumers, int partitions, ArchiveLayout layout, boolean gzip, int recordsPerFile) {

    static final long DEFAULT_SEED = 42;
    static final int DEFAULT_CONSUMERS = 1_000;
    static final int DEFAULT_PARTITIONS = 8;
    static final ArchiveLayout DEFAULT_LAYOUT = ArchiveLayout.PARTITION;
    static final boolean DEFAULT_GZIP = false;
    static final int DEFAULT_RECORDS_PER_FILE = 2_000;

    FileFormat fileFormat() {
        return new FileFormat(layout, gzip, recordsPerFile);
    }
}
