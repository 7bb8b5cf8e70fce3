package dev.reproject.core.archive;

import java.io.Serializable;
import java.util.Objects;

/** An archive file that was read: where, its start offset and how many lines it held. */
public record FileSpan(String path, long startOffset, long lineCount) implements Serializable {

    public FileSpan {
        Objects.requireNonNull(path, "path");
        if (startOffset < 0 || lineCount < 0) {
            throw new IllegalArgumentException(
                    "bad span of " + path + ": start " + startOffset + ", lines " + lineCount);
        }
    }
}
