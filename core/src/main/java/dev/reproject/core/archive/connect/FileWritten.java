package dev.reproject.core.archive.connect;

import java.io.IOException;

/** Called after each file a {@link PartitionFileWriter} writes, e.g. to count it or to write copies beside it. */
@FunctionalInterface
public interface FileWritten {

    FileWritten NONE = file -> {
    };

    void written(WrittenFile file) throws IOException;
}
